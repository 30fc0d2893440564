// Compares the planned var/run/ tree with the current one: what a prepare would add, change and remove.
import type { CurrentTree, PlannedTree } from './rendered-tree';

export interface FileState {
  sha256: string;
  mode: number;
}

export interface TreeChange {
  path: string;
  service: string | null;
  /** The template it comes from (absent for a removal). */
  source?: string;
  before?: FileState;
  after?: FileState;
}

export interface TemplatesDiff {
  added: TreeChange[];
  /** Content or mode differs (same hash and another mode: only a chmod). */
  changed: TreeChange[];
  /** Rendered before (per the manifest) for a service in this plan, and no longer. */
  removed: TreeChange[];
  unchanged: string[];
}

/**
 * Only files of the planned services (and of entries without `${service}`) can be removed: preparing one
 * service leaves the others' files alone.
 * @example diffRenderedTree(planned, new Map()).added.length // every planned file
 */
export function diffRenderedTree(planned: PlannedTree, current: CurrentTree): TemplatesDiff {
  const diff: TemplatesDiff = { added: [], changed: [], removed: [], unchanged: [] };
  for (const [path, file] of planned.files) {
    const after = { sha256: file.sha256, mode: file.mode };
    const now = current.get(path);
    if (now === undefined) diff.added.push({ path, service: file.service, source: file.source, after });
    else if (now.sha256 !== file.sha256 || now.mode !== file.mode) {
      diff.changed.push({ path, service: file.service, source: file.source, before: { sha256: now.sha256, mode: now.mode }, after });
    } else diff.unchanged.push(path);
  }
  const inScope = new Set(planned.services);
  for (const [path, now] of current) {
    if (planned.files.has(path) || !now.owned || (now.service !== null && !inScope.has(now.service))) continue;
    diff.removed.push({ path, service: now.service, before: { sha256: now.sha256, mode: now.mode } });
  }
  return diff;
}
