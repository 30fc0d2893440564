// What the last successful prepare deployed, kept for `harbor plan` and read-only commands: hashes, never values.
import { createHash, createHmac } from 'node:crypto';
import * as v from 'valibot';
import { compareCodePoints } from '../../shared/core/compare-code-points';
import { STATE_DIR } from '../../shared/core/run-paths';

/** The state file (mode 0600). The brief's name: it is mostly the env's state. */
export const PREPARE_STATE_PATH = `${STATE_DIR}/env-state.json`;
/** The random key of the env hashes (mode 0600), made by the first prepare of a home. */
export const PREPARE_STATE_KEY_PATH = `${STATE_DIR}/env-state.key`;

export interface PrepareState {
  /** The stack's compose files the overlay was generated for (the selection, without the overlay). */
  files: string[];
  /** SHA-256 over those files' paths and contents: an edited compose file makes the overlay stale. */
  composeSha256: string;
  /** Compose env name → HMAC-SHA256(home key, value) in hex: tells a changed value from an unchanged one. */
  env: Record<string, string>;
}

const StateSchema = v.strictObject({
  version: v.literal(1),
  files: v.array(v.string()),
  composeSha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  env: v.record(v.string(), v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/))),
});

/**
 * Keyed, not a bare SHA-256: a short password's plain hash could be guessed offline by anyone who reads the file;
 * without the key (a separate 0600 file) the hashes say nothing but "same" or "different".
 * @example buildPrepareState({ files: ['etc/stacks/compose.yml'], contents: ['services: {}\n'] }, { A: '1' }, key).env.A // 'c0a1…'
 */
export function buildPrepareState(
  compose: { files: readonly string[]; contents: readonly string[] },
  composeEnv: Readonly<Record<string, string>>,
  key: Uint8Array,
): PrepareState {
  const env: Record<string, string> = {};
  for (const name of Object.keys(composeEnv).sort(compareCodePoints)) env[name] = hashEnvValue(key, name, composeEnv[name]!);
  return { files: [...compose.files], composeSha256: hashComposeFiles(compose.files, compose.contents), env };
}

/** HMAC over name and value, so two names with one value do not share a hash. */
export function hashEnvValue(key: Uint8Array, name: string, value: string): string {
  return createHmac('sha256', key).update(`${name}\0${value}`).digest('hex');
}

/** The same files with the same contents give the same hash; paths are part of it. */
export function hashComposeFiles(files: readonly string[], contents: readonly string[]): string {
  const hash = createHash('sha256');
  files.forEach((file, i) => hash.update(`${file}\0${contents[i] ?? ''}\0`));
  return hash.digest('hex');
}

/** Stable text: sorted names, no timestamps. */
export function renderPrepareState(state: PrepareState): string {
  return `${JSON.stringify({ version: 1, ...state }, null, 2)}\n`;
}

/** undefined for text that is not a state file of this version: it is then as if no prepare had run. */
export function parsePrepareState(text: string): PrepareState | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const result = v.safeParse(StateSchema, data);
  if (!result.success) return undefined;
  const { version: _version, ...state } = result.output;
  return state;
}
