// Appends one run to var/history.jsonl: under a small lock folder, trimmed atomically past HARBOR_HISTORY_SIZE.
import { appendFile, mkdir, readFile, rmdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeFileAtomic } from '../shared/atomic-write';
import { HISTORY_PATH, nextHistoryNumber, parseHistory, planHistoryAppend, renderHistoryLine, type HistoryEntry } from './core/history-entry';

export const HISTORY_LOCK = `${HISTORY_PATH}.lock`;

/**
 * Why a lock folder and not the home lock: the home lock is held for a whole deploy, and history is written by
 * every command, even one that fails because another run holds the home. `mkdir` is atomic on every filesystem a
 * home sits on; the lock is held for one read and one write (milliseconds), so one older than 10 s is a crashed
 * writer's and is taken over. Numbering and trimming need the lock (read, then write); the append itself is one
 * O_APPEND write of one line, which the kernel never interleaves with another writer's on a local filesystem.
 */
export async function recordHistory(home: string, entry: Omit<HistoryEntry, 'n'>, size: number): Promise<void> {
  if (size <= 0) return;
  const path = join(home, HISTORY_PATH);
  // Every checkout has var/ (var/.gitkeep). A folder that is not a home yet (or a `--dry-run` on a bare test
  // home, which promises to write nothing) gets no var/ just for the history.
  if (!(await stat(dirname(path)).then((s) => s.isDirectory(), () => false))) return;
  const release = await takeHistoryLock(path);
  try {
    const existing = parseHistory(await readFile(path, 'utf8').catch(() => ''));
    const full: HistoryEntry = { n: nextHistoryNumber(existing), ...entry };
    const rewritten = planHistoryAppend(existing, full, size);
    // 0600, as a shell keeps its history: what people type is theirs, even with secret-looking values redacted.
    if (rewritten === undefined) await appendFile(path, renderHistoryLine(full), { flag: 'a', mode: 0o600 });
    else await writeFileAtomic(path, rewritten, { createDir: false, mode: 0o600 });
  } finally {
    await release();
  }
}

/** Empties the history (`history --clear`), under the same lock. */
export async function clearHistory(home: string): Promise<void> {
  const path = join(home, HISTORY_PATH);
  await mkdir(dirname(path), { recursive: true });
  const release = await takeHistoryLock(path);
  try {
    await writeFileAtomic(path, '', { createDir: false, mode: 0o600 });
  } finally {
    await release();
  }
}

/** The entries, oldest first (none when there is no file yet). */
export async function readHistory(home: string): Promise<HistoryEntry[]> {
  return parseHistory(await readFile(join(home, HISTORY_PATH), 'utf8').catch(() => ''));
}

async function takeHistoryLock(path: string, timeoutMs = 5000): Promise<() => Promise<void>> {
  const lock = `${path}.lock`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await mkdir(lock);
      return () => rmdir(lock).catch(() => undefined);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (age > 10_000) await rmdir(lock).catch(() => undefined);
    else if (Date.now() > deadline) throw new Error(`${lock} is held by another run for more than ${timeoutMs / 1000} s`);
    else await sleep(5 + Math.floor(Math.random() * 10));
  }
}
