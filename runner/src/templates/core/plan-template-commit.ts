// Turns a planned tree into the file operations of one commit, and the manifest that will describe the result.
import { compareCodePoints } from '../../shared/core/compare-code-points';
import { diffRenderedTree, type TemplatesDiff } from './diff-rendered-tree';
import type { CurrentTree, PlannedFile, PlannedTree } from './rendered-tree';
import { renderTemplateManifest, type ManifestEntry, type TemplateManifest } from './template-manifest';

export interface TemplateCommit {
  /** New or changed content: written to staging, then renamed into place. */
  writes: PlannedFile[];
  /** Same content, other mode: changed in place, so the inode and mtime stay. */
  chmods: Array<{ path: string; mode: number }>;
  removes: string[];
  manifest: TemplateManifest;
  manifestText: string;
  /** False when nothing at all would change on disk. */
  needed: boolean;
}

/**
 * Unchanged files are not in the commit at all: they keep inode and mtime, so bind mounts and the
 * containers reading them see no change. Files of services outside the plan keep their manifest entries.
 * @example planTemplateCommit(planned, current, previous, currentManifestText).commit.writes
 */
export function planTemplateCommit(
  planned: PlannedTree,
  current: CurrentTree,
  previous: TemplateManifest,
  previousText: string | undefined,
): { diff: TemplatesDiff; commit: TemplateCommit } {
  const diff = diffRenderedTree(planned, current);
  const writes: PlannedFile[] = [];
  const chmods: Array<{ path: string; mode: number }> = [];
  for (const change of [...diff.added, ...diff.changed]) {
    const file = planned.files.get(change.path)!;
    if (change.before !== undefined && change.before.sha256 === file.sha256) chmods.push({ path: file.path, mode: file.mode });
    else writes.push(file);
  }
  const scope = new Set(planned.services);
  const entries: Array<[string, ManifestEntry]> = [];
  for (const [path, entry] of previous.files) {
    const kept = entry.service !== null && !scope.has(entry.service) && !planned.files.has(path);
    if (kept) entries.push([path, entry]);
  }
  for (const [path, f] of planned.files) {
    entries.push([path, { source: f.source, service: f.service, engine: f.engine, sha256: f.sha256, mode: f.mode, secret: f.secret }]);
  }
  const manifest: TemplateManifest = { files: new Map(entries.sort(([a], [b]) => compareCodePoints(a, b))) };
  const manifestText = renderTemplateManifest(manifest);
  const removes = diff.removed.map((change) => change.path);
  const needed = writes.length > 0 || chmods.length > 0 || removes.length > 0 || manifestText !== previousText;
  return { diff, commit: { writes, chmods, removes, manifest, manifestText, needed } };
}
