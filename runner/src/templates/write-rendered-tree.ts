// Commits a template plan into var/run/: stage new files, write a journal (the commit point), then move them into place.
import { createHash } from 'node:crypto';
import { closeSync, fchmodSync, fsync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, unlinkSync, writeSync, chmodSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TemplateCommit } from './core/plan-template-commit';
import { MANIFEST_PATH, RUN_DIR, STATE_DIR } from '../shared/core/run-paths';
import { HarborError } from '../shared/core/errors';
import { assertHostWritable } from '../shared/host-path';

export const STAGING_DIR = `${STATE_DIR}/staging`;
export const JOURNAL_PATH = `${STATE_DIR}/templates-journal.json`;

const BATCH = 64;

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
  writes: Array<{ staged: string; path: string; sha256: string }>;
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
 * ends with the new tree, never a mix. Synchronous calls: for a thousand small files they are several
 * times faster than the thread pool; only fsync, which waits on the disk, runs in parallel.
 */
export async function writeRenderedTree(home: string, commit: TemplateCommit, options: WriteTreeOptions = {}): Promise<void> {
  const durable = options.durable ?? true;
  // In the runner: var/run/ must be on the home's host mount (docs/runner.md, "What the runner sees").
  await assertHostWritable(join(home, RUN_DIR));
  checkTargets(home, commit);
  const staging = join(home, STAGING_DIR);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  let journal: Journal;
  try {
    const writes = commit.writes.map((file, i) => ({ staged: String(i).padStart(6, '0'), path: file.path, sha256: file.sha256 }));
    // In batches: each batch is written, then fsynced in parallel, then closed (never a thousand open files).
    for (let start = 0; start < commit.writes.length; start += BATCH) {
      const batch = commit.writes.slice(start, start + BATCH);
      await closeAll(batch.map((file, i) => stage(join(staging, writes[start + i]!.staged), file.bytes, file.mode)), durable);
    }
    const secret = [...commit.manifest.files.values()].some((e) => e.secret);
    await closeAll([stage(join(staging, 'manifest.json'), new TextEncoder().encode(commit.manifestText), secret ? 0o600 : 0o644)], durable);
    await options.onPhase?.('staged');
    const { clears, later } = splitRemoves(commit.removes, commit.writes.map((w) => w.path));
    journal = { version: 1, clears, writes, chmods: commit.chmods, removes: later, manifest: 'manifest.json' };
    const path = join(home, JOURNAL_PATH);
    rmSync(`${path}.tmp`, { force: true });
    await closeAll([stage(`${path}.tmp`, new TextEncoder().encode(JSON.stringify(journal)), 0o600)], durable);
    renameSync(`${path}.tmp`, path); // the commit point
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    rmSync(join(home, `${JOURNAL_PATH}.tmp`), { force: true });
    throw err;
  }
  // Past the commit point: from here on, a failure is finished by the next run, never rolled back.
  if (durable) await closeAll([openSync(dirname(join(home, JOURNAL_PATH)), 'r')], true);
  await options.onPhase?.('committed');
  await applyJournal(home, journal, false, options.onPhase);
  await options.onPhase?.('done');
}

/**
 * Run under the home lock before anything else touches var/run/: finishes a commit whose journal exists,
 * or throws away a staging tree that never reached the commit point. A staged file whose hash no longer
 * matches (a power cut before it reached the disk) is left out: the render that follows rewrites it.
 */
export async function recoverTemplateCommit(home: string): Promise<'none' | 'finished' | 'discarded'> {
  let text: string | undefined;
  try {
    text = readFileSync(join(home, JOURNAL_PATH), 'utf8');
  } catch {
    text = undefined;
  }
  if (text !== undefined) {
    await applyJournal(home, JSON.parse(text) as Journal, true);
    return 'finished';
  }
  if (exists(join(home, STAGING_DIR)) === undefined) return 'none';
  rmSync(join(home, STAGING_DIR), { recursive: true, force: true });
  return 'discarded';
}

async function applyJournal(home: string, journal: Journal, verify: boolean, onPhase?: WriteTreeOptions['onPhase']): Promise<void> {
  const staging = join(home, STAGING_DIR);
  for (const path of journal.clears) removeOwned(home, path);
  const made = new Set<string>();
  for (const { staged, path, sha256 } of journal.writes) {
    const from = join(staging, staged);
    if (exists(from) === undefined) continue; // moved before an interruption
    if (verify && createHash('sha256').update(readFileSync(from)).digest('hex') !== sha256) continue;
    const dir = dirname(join(home, path));
    if (!made.has(dir)) mkdirSync(dir, { recursive: true });
    made.add(dir);
    renameSync(from, join(home, path));
    await onPhase?.('moved-one');
  }
  for (const { path, mode } of journal.chmods) if (exists(join(home, path))?.isFile()) chmodSync(join(home, path), mode);
  for (const path of journal.removes) removeOwned(home, path);
  const manifest = join(staging, journal.manifest);
  if (exists(manifest) !== undefined) renameSync(manifest, join(home, MANIFEST_PATH));
  rmSync(join(home, JOURNAL_PATH), { force: true });
  rmSync(staging, { recursive: true, force: true });
}

/** Unlinks a file Harbor rendered (never a folder), then the folders it leaves empty, up to var/run/. */
function removeOwned(home: string, path: string): void {
  const info = exists(join(home, path));
  if (info === undefined || info.isDirectory()) return;
  unlinkSync(join(home, path));
  for (let dir = dirname(path); dir.startsWith(`${RUN_DIR}/`); dir = dirname(dir)) {
    try {
      rmdirSync(join(home, dir));
    } catch {
      break;
    }
  }
}

/** Fails before anything is written when a target cannot be reached without going through a link or a foreign file. */
function checkTargets(home: string, commit: TemplateCommit): void {
  const removes = new Set(commit.removes);
  const seen = new Map<string, Stats | undefined>();
  const look = (path: string) => {
    if (!seen.has(path)) seen.set(path, exists(join(home, path)));
    return seen.get(path);
  };
  for (const { path } of commit.writes) {
    const parts = path.split('/');
    for (let i = RUN_DIR.split('/').length + 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      const info = look(dir);
      if (info === undefined || removes.has(dir)) break;
      if (info.isSymbolicLink()) throw blocked(path, `${dir} is a symlink`, `Harbor does not write through links inside var/run/: remove ${dir}`);
      if (!info.isDirectory()) throw blocked(path, `${dir} is a file Harbor did not render`, `move ${dir} out of the way`);
    }
    if (look(path)?.isDirectory() && filesBelow(home, path).some((file) => !removes.has(file))) {
      throw blocked(path, 'it is a folder holding files Harbor did not render', `move ${path} out of the way`);
    }
  }
}

function blocked(path: string, why: string, hint: string): HarborError {
  return new HarborError(`cannot write ${path}: ${why}`, { code: 'VAR_RUN', hint });
}

function filesBelow(home: string, dir: string): string[] {
  const entries = readdirSync(join(home, dir), { recursive: true, withFileTypes: true });
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

/** Creates the file (never overwriting) with exactly `mode`, whatever the umask; returns the open descriptor. */
function stage(path: string, bytes: Uint8Array, mode: number): number {
  const fd = openSync(path, 'wx', mode);
  try {
    writeSync(fd, bytes);
    fchmodSync(fd, mode);
    return fd;
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

/** fsyncs (in parallel on the thread pool, which runs 4 at a time) when durable, then closes every descriptor. */
async function closeAll(fds: readonly number[], durable: boolean): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (next < fds.length) {
      const fd = fds[next++]!;
      if (durable && failure === undefined) {
        await new Promise<void>((resolve) => fsync(fd, (err) => ((failure ??= err ?? undefined), resolve())));
      }
      closeSync(fd);
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, fds.length) }, worker));
  if (failure) throw failure;
}

function exists(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
