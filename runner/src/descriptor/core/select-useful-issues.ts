// Keeps one line per mistake when valibot reports several for it.
import type { DescribedIssue } from './describe-issue';
import { renderPath } from './render-path';
import type { PathKey } from './yaml-source';

/**
 * One mistake, one line: `verison: 1` does not also report "version: is required" (an unknown sibling key
 * suggests it), and a list where a map belongs does not also report every key inside it.
 */
export function selectUsefulIssues(issues: DescribedIssue[]): DescribedIssue[] {
  const suggested = new Set(
    issues.flatMap((issue) => (issue.suggested ?? []).map((key) => renderPath([...issue.path.slice(0, -1), key]))),
  );
  const lists = issues.filter((issue) => issue.message === 'expected a map, got a list').map((issue) => issue.path);
  const under = (path: readonly PathKey[]) => lists.some((list) => list.length < path.length && list.every((key, i) => key === path[i]));
  return issues.filter((issue) => !(issue.message.startsWith('is required') && suggested.has(renderPath(issue.path))) && !under(issue.path));
}
