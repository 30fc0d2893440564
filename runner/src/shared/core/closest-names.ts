// Suggests the known names closest to a mistyped one ("did you mean ...?").
import { distance } from 'fastest-levenshtein';

/**
 * Known names within `maxDistance` edits of `name`, nearest first, then alphabetical (code-point order).
 * @example closestNames('compose.upp', ['compose.up', 'compose.down']) // ['compose.up']
 */
export function closestNames(name: string, known: Iterable<string>, maxDistance = 3, limit = 3): string[] {
  const scored: Array<[number, string]> = [];
  for (const candidate of new Set(known)) {
    const d = distance(name, candidate);
    if (d <= maxDistance) scored.push([d, candidate]);
  }
  scored.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return scored.slice(0, limit).map(([, candidate]) => candidate);
}

/**
 * ' (did you mean a, b?)' or '' when nothing is close. With `nearestOnly`, only the names at the smallest
 * distance are offered (`doctr` → doctor, not also down).
 */
export function didYouMean(name: string, known: Iterable<string>, maxDistance = 3, nearestOnly = false): string {
  let close = closestNames(name, known, maxDistance);
  if (nearestOnly && close.length > 1) {
    const best = distance(name, close[0]!);
    close = close.filter((candidate) => distance(name, candidate) === best);
  }
  return close.length ? ` (did you mean ${close.join(', ')}?)` : '';
}
