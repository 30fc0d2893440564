// Commits a template plan into var/run/: stage new files, write a journal (the commit point), then move them into place.
import { lstat, mkdir, open, readdir, readFile, rename, rm, rmdir, unlink, chmod } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { TemplateCommit } from '../core/templates/plan-template-commit';
import { MANIFEST_PATH, RUN_DIR, STATE_DIR } from '../core/templates/run-paths';
import { HarborError } from '../errors';

export const STAGING_DIR = `${STATE_DIR}/staging`;
export const JOURNAL_PATH = `${STATE_DIR}/templates-journal.json`;

export type CommitPhase = 'staged' | 'committed' | 'moved-one' | 'done';

export interface WriteTreeOptions {
  /** Called after each step; tests stop the process there to prove a kill leaves a recoverable state. */
  onPhase?: (phase: CommitPhase) => void | Promise<void>;
  /** fsync staged files and the journal, so a power cut after the commit point still finds whole files. Default true. */
  durable?: boolean;
}

/** The commit, as replayable steps. Every step is idempotent, so an interrupted apply is simply run again. */
interface Journal {
  version: 1;
  /** Removals that must happen before the writes (a file becoming a folder, or the other way round). */
  clears: string[];
  writes: Array<{ staged: string; path: string }>;
  chmods: Array<{ path: string; mode: number }>;
  removes: string[];
  manifest: string;
}

/**
 * Why not one rename of var/run/: containers bind-mount var/run/<service>/config, and a bind mount pins the
 * folder's inode, so a swapped-in folder would leave running containers on a deleted one. Instead: every
 * new or changed file is written to var/run/.harbor/staging/ first (a failure or a kill there changes
 * nothing); then the journal is written and renamed into place in one step, the commit point; then each
 * file is renamed over its target (unchanged files are never touched: same inode, same mtime). A run that
 * finds a journal finishes the commit first (recoverTemplateCommit), so a kill after the commit point
 * ends with the new tree, never a mix.
 */
export async function writeRenderedTree(home: string, commit: TemplateCommit, options: WriteTreeOptions = {}): Promise<void> {
  const durable = options.durable ?? true;
  await checkTargets(home, commit);
  const staging = join(home, STAGING_DIR);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  let journal: Journal;
  try {
    const writes = commit.writes.map((file, i) => ({ staged: String(i).padStart(6, '0'), path: file.path }));
    await forEachLimited(commit.writes, 32, (file, i) => stage(join(staging, writes[i]!.staged), file.bytes, file.mode, durable));
    const secret = [...commit.manifest.files.values()].some((e) => e.secret);
    await stage(join(staging, 'manifest.json'), new TextEncoder().encode(commit.manifestText), secret ? 0o600 : 0o644, durable);
    await options.onPhase?.('staged');
    const { clears, later } = splitRemoves(commit.removes, commit.writes.map((w) => w.path));
    journal = { version: 1, clears, writes, chmods: commit.chmods, removes: later, manifest: 'manifest.json' };
    await writeJournal(home, journal, durable);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    await rm(join(home, `${JOURNAL_PATH}.tmp`), { force: true });
    throw err;
  }
  // Past the commit point: from here on, failures are finished by the next run, never rolled back.
  if (durable) await syncDir(dirname(join(home, JOURNAL_PATH)));
  await options.onPhase?.('committed');
  await applyJournal(home, journal, options.onPhase);
  await options.onPhase?.('done');
}

/**
 * Run under the home lock before anything else touches var/run/: finishes a commit whose journal exists,
 * or throws away a staging tree that never reached the commit point.
 */
export async function recoverTemplateCommit(home: string): Promise<'none' | 'finished' | 'discarded'> {
  const text = await readFile(join(home, JOURNAL_PATH), 'utf8').catch(() => undefined);
  if (text !== undefined) {
    await applyJournal(home, JSON.parse(text) as Journal);
    return 'finished';
  }
  const staging = await lstat(join(home, STAGING_DIR)).catch(() => undefined);
  if (staging === undefined) return 'none';
  await rm(join(home, STAGING_DIR), { recursive: true, force: true });
  return 'discarded';
}

async function applyJournal(home: string, journal: Journal, onPhase?: WriteTreeOptions['onPhase']): Promise<void> {
  const staging = join(home, STAGING_DIR);
  for (const path of journal.clears) await removeOwned(home, path);
  for (const { staged, path } of journal.writes) {
    const from = join(staging, staged);
    if ((await lstat(from).catch(() => undefined)) === undefined) continue; // moved before an interruption
    await mkdir(dirname(join(home, path)), { recursive: true });
    await rename(from, join(home, path));
    await onPhase?.('moved-one');
  }
  for (const { path, mode } of journal.chmods) {
    const info = await lstat(join(home, path)).catch(() => undefined);
    if (info?.isFile()) await chmod(join(home, path), mode);
  }
  for (const path of journal.removes) await removeOwned(home, path);
  const manifest = join(staging, journal.manifest);
  if ((await lstat(manifest).catch(() => undefined)) !== undefined) await rename(manifest, join(home, MANIFEST_PATH));
  await unlink(join(home, JOURNAL_PATH)).catch(() => undefined);
  await rm(staging, { recursive: true, force: true });
}

/** Unlinks a file Harbor rendered (never a folder), then the folders it leaves empty, up to var/run/. */
async function removeOwned(home: string, path: string): Promise<void> {
  const info = await lstat(join(home, path)).catch(() => undefined);
  if (info === undefined || info.isDirectory()) return;
  await unlink(join(home, path));
  for (let dir = dirname(path); dir.startsWith(`${RUN_DIR}/`); dir = dirname(dir)) {
    try {
      await rmdir(join(home, dir));
    } catch {
      break;
    }
  }
}

/** Fails before anything is written when a target cannot be reached without going through a link or a foreign file. */
async function checkTargets(home: string, commit: TemplateCommit): Promise<void> {
  const removes = new Set(commit.removes);
  const seen = new Map<string, Awaited<ReturnType<typeof lstat>> | undefined>();
  const look = async (path: string) => {
    if (!seen.has(path)) seen.set(path, await lstat(join(home, path)).catch(() => undefined));
    return seen.get(path);
  };
  for (const { path } of commit.writes) {
    const parts = path.split('/');
    for (let i = RUN_DIR.split('/').length + 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      const info = await look(dir);
      if (info === undefined || removes.has(dir)) break;
      if (info.isSymbolicLink()) throw blocked(path, `${dir} is a symlink`, `Harbor does not write through links inside var/run/: remove ${dir}`);
      if (!info.isDirectory()) throw blocked(path, `${dir} is a file Harbor did not render`, `move ${dir} out of the way`);
    }
    const target = await look(path);
    if (target?.isDirectory() && (await filesBelow(home, path)).some((file) => !removes.has(file))) {
      throw blocked(path, 'it is a folder holding files Harbor did not render', `move ${path} out of the way`);
    }
  }
}

function blocked(path: string, why: string, hint: string): HarborError {
  return new HarborError(`cannot write ${path}: ${why}`, { code: 'VAR_RUN', hint });
}

async function filesBelow(home: string, dir: string): Promise<string[]> {
  const entries = await readdir(join(home, dir), { recursive: true, withFileTypes: true });
  return entries.filter((e) => !e.isDirectory()).map((e) => `${dir}/${join(e.parentPath ?? e.path, e.name).slice(join(home, dir).length + 1)}`);
}

/** A removal at a path that is a write's folder (or below a write) must come first; all others come after. */
function splitRemoves(removes: readonly string[], writes: readonly string[]): { clears: string[]; later: string[] } {
  const writeDirs = new Set(writes.flatMap((w) => w.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
  const writeSet = new Set(writes);
  const clears: string[] = [];
  const later: string[] = [];
  for (const path of removes) {
    const below = path.split('/').slice(0, -1).some((_, i, parts) => writeSet.has(parts.slice(0, i + 1).join('/')));
    (writeDirs.has(path) || below ? clears : later).push(path);
  }
  return { clears, later };
}

async function stage(path: string, bytes: Uint8Array, mode: number, durable: boolean): Promise<void> {
  const handle = await open(path, 'wx', mode);
  try {
    await handle.writeFile(bytes);
    await handle.chmod(mode); // the umask must not change the mode the plan chose
    if (durable) await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Written aside, then renamed into place: the rename is the commit point. */
async function writeJournal(home: string, journal: Journal, durable: boolean): Promise<void> {
  const path = join(home, JOURNAL_PATH);
  await rm(`${path}.tmp`, { force: true });
  await stage(`${path}.tmp`, new TextEncoder().encode(JSON.stringify(journal)), 0o600, durable);
  await rename(`${path}.tmp`, path);
}

async function syncDir(path: string): Promise<void> {
  const dir = await open(path, 'r');
  await dir.sync().finally(() => dir.close());
}

async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
