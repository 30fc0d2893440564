// Puts YAML comments into the mapping or sequence they belong to (by position and column), for both YAML readers.
import type { SopsComment, SopsEntry, SopsMap, SopsValue } from '../sops-tree';

/** A mapping or sequence being read: its items with their offsets, comments added later. */
export interface Container {
  value: SopsMap | SopsValue;
  column: number;
  parent: Container | undefined;
  placed: Array<{ offset: number; item: SopsEntry | SopsValue | SopsComment }>;
}

/** Where an item (map key or sequence entry) starts, pushed after the item's own value was read. */
export interface Anchor {
  offset: number;
  container: Container;
}

/** A comment token: `source` starts with `#`. */
export interface CommentToken {
  offset: number;
  source: string;
}

export function lineStarts(src: string): number[] {
  const starts = [0];
  for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function locate(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! };
}

/** The anchors by offset; among equal offsets in their order, so "last before" and "first after" are the readers' picks. */
function sortAnchors(anchors: Anchor[]): Anchor[] {
  return anchors.map((a, i) => ({ a, i })).sort((x, y) => x.a.offset - y.a.offset || x.i - y.i).map((x) => x.a);
}

/** Index of the first anchor whose offset is greater than `offset` (anchors sorted). */
function firstAfter(sorted: Anchor[], offset: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.offset <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function placeComment(c: CommentToken, root: Container, sorted: Anchor[], src: string, starts: number[]): void {
  const { line, column } = locate(starts, c.offset);
  const text = c.source.replace(/^#/, '').replace(/\r$/, '');
  const ownLine = src.slice(starts[line - 1]!, c.offset).trim() === '';
  // The nearest item before the comment (the later-pushed one on a tie) and after it (the earlier-pushed one).
  const next = firstAfter(sorted, c.offset);
  const before = sorted[next - 1];
  if (!ownLine) {
    const target = before?.container ?? root;
    target.placed.push({ offset: c.offset, item: { type: 'comment', value: text, inline: true } });
    return;
  }
  const after = sorted[next];
  let target: Container;
  if (after && after.container.column === column) target = after.container;
  else {
    let from = after && after.container.column > column ? after.container : before?.container;
    while (from && from.column > column) from = from.parent;
    target = from ?? root;
  }
  target.placed.push({ offset: c.offset, item: { type: 'comment', value: text } });
}

/** Places the comments of one document, then sets each container's items in document order. */
export function placeYamlComments(comments: CommentToken[], root: Container, anchors: Anchor[], containers: Container[], src: string, starts: number[]): void {
  if (comments.length > 0) {
    const sorted = sortAnchors(anchors);
    for (const c of comments) placeComment(c, root, sorted, src, starts);
  }
  for (const container of containers) {
    const items = container.placed.sort((a, b) => a.offset - b.offset).map((p) => p.item);
    (container.value as { items: unknown[] }).items = items;
  }
}
