// Records a folder exactly (type, mode, inode, mtime, content hash, link target) so tests can prove nothing changed.
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

export interface EntrySnapshot {
  type: 'file' | 'dir' | 'link' | 'other';
  mode: string;
  ino: number;
  mtimeMs: number;
  sha256?: string;
  target?: string;
}

/**
 * Harbor's command log (docs/Harbor-Utilities.md, "history"): every command, a failed one included, appends to
 * it under a lock folder beside it. It is the one write a bad input is meant to make, so a snapshot leaves it
 * out (and the time of `var/` itself, which the lock folder touches); its own tests check it.
 */
export const COMMAND_LOG = ['var/history.jsonl', 'var/history.jsonl.lock'];

/** Every entry below `dir` by relative path, skipping relative paths that start with one of `skip` (and the command log). */
export function snapshotTree(dir: string, skip: readonly string[] = []): Record<string, EntrySnapshot> {
  const out: Record<string, EntrySnapshot> = {};
  const skipped = [...skip, ...COMMAND_LOG];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      if (skipped.some((s) => path === s || path.startsWith(`${s}/`))) continue;
      const info = lstatSync(join(dir, path));
      const base = { mode: (info.mode & 0o7777).toString(8), ino: info.ino, mtimeMs: path === 'var' ? 0 : info.mtimeMs };
      if (info.isSymbolicLink()) out[path] = { type: 'link', ...base, target: readlinkSync(join(dir, path)) };
      else if (info.isDirectory()) {
        out[path] = { type: 'dir', ...base };
        walk(path);
      } else if (info.isFile()) out[path] = { type: 'file', ...base, sha256: createHash('sha256').update(readFileSync(join(dir, path))).digest('hex') };
      else out[path] = { type: 'other', ...base };
    }
  };
  walk('');
  return out;
}

/** The content-only view (no inodes or times): what "byte-identical tree" compares. */
export function contentOf(snapshot: Record<string, EntrySnapshot>): Record<string, Omit<EntrySnapshot, 'ino' | 'mtimeMs'>> {
  return Object.fromEntries(Object.entries(snapshot).map(([path, { ino: _ino, mtimeMs: _mtime, ...rest }]) => [path, rest]));
}
