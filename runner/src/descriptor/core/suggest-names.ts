// Suggests only the nearest known names: "compose.upp" gets compose.up, not also compose.ps and compose.pull.
import { distance } from 'fastest-levenshtein';
import { closestNames } from '../../shared/core/closest-names';

/**
 * The closest names (edit distance ≤ 3) that are as near as the nearest one.
 * @example nearestNames('compose.upp', ['compose.up', 'compose.ps', 'compose.pull']) // ['compose.up']
 */
export function nearestNames(name: string, known: Iterable<string>): string[] {
  const close = closestNames(name, known);
  if (close.length === 0) return [];
  const best = distance(name, close[0]!);
  return close.filter((candidate) => distance(name, candidate) === best);
}

/** ' (did you mean a?)' or '' */
export function suggestNames(name: string, known: Iterable<string>): string {
  const near = nearestNames(name, known);
  return near.length ? ` (did you mean ${near.join(', ')}?)` : '';
}
