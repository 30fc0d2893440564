// `harbor plan` support: what prepare would add, change and remove in var/run/, computed without writing anything.
import type { Deps } from '../shared/deps';
import { diffRenderedTree, type TemplatesDiff } from './core/diff-rendered-tree';
import type { PlannedTree } from './core/rendered-tree';
import { loadTemplatePlan, type TemplatesInput } from './load-template-plan';

/**
 * Reads only; takes no lock (a concurrent prepare can make the answer stale, never wrong on disk).
 * @example const { diff } = await runPlanTemplates(deps, input); diff.changed.map((c) => c.path)
 */
export async function runPlanTemplates(deps: Pick<Deps, 'home'>, input: TemplatesInput): Promise<{ planned: PlannedTree; diff: TemplatesDiff }> {
  const loaded = await loadTemplatePlan(deps.home, input);
  return { planned: loaded.planned, diff: diffRenderedTree(loaded.planned, loaded.current) };
}
