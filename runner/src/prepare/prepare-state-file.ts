// Reads and writes var/run/.harbor/env-state.json and its hash key: both mode 0600, each replaced in one rename.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../shared/atomic-write';
import { parsePrepareState, PREPARE_STATE_KEY_PATH, PREPARE_STATE_PATH, renderPrepareState, type PrepareState } from './core/prepare-state';

export interface StoredPrepareState {
  /** undefined when no prepare recorded one (or the file is unreadable: then it is as if none had). */
  state: PrepareState | undefined;
  /** undefined when no prepare made one yet. */
  key: Uint8Array | undefined;
}

/**
 * Reads only: `harbor plan` and the read-only commands call it. A state or key that cannot be read (even for
 * lack of permission) counts as none, so those commands still work: they just leave the overlay out.
 */
export async function readPrepareState(home: string): Promise<StoredPrepareState> {
  const [text, key] = await Promise.all([readOptional(join(home, PREPARE_STATE_PATH)).catch(() => undefined), readKey(home).catch(() => undefined)]);
  return { state: text === undefined ? undefined : parsePrepareState(text.toString('utf8')), key };
}

/** The home's key, made (32 random bytes, 0600) on the first call. Call under the home lock. */
export async function loadPrepareStateKey(home: string): Promise<Uint8Array> {
  const existing = await readKey(home);
  if (existing !== undefined) return existing;
  const key = randomBytes(32);
  await writePrivateFile(join(home, PREPARE_STATE_KEY_PATH), key.toString('hex'));
  return key;
}

/** Written after a prepare succeeded, so the state always describes a finished prepare. */
export async function writePrepareState(home: string, state: PrepareState): Promise<void> {
  await writePrivateFile(join(home, PREPARE_STATE_PATH), renderPrepareState(state));
}

async function readKey(home: string): Promise<Uint8Array | undefined> {
  const text = (await readOptional(join(home, PREPARE_STATE_KEY_PATH)))?.toString('utf8').trim();
  return text !== undefined && /^[0-9a-f]{64}$/.test(text) ? Buffer.from(text, 'hex') : undefined;
}

async function readOptional(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Mode 0600 whatever the umask, replaced in one rename: readers see old or new, whole. */
async function writePrivateFile(path: string, text: string): Promise<void> {
  await writeFileAtomic(path, text, { mode: 0o600 });
}
