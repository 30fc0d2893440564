// Walks every leaf and comment of the branches in file order, with its sops key path and the active comments.
import type { SopsBranches, SopsComment, SopsList, SopsMap, SopsScalar, SopsValue } from './sops-tree';

/** What a visitor may read about the current leaf, synchronously: the walk reuses these objects. */
export interface LeafContext {
  /** Key path as sops uses it for the AAD: map keys only, no list indices. */
  readonly path: readonly string[];
  /** Human path for messages: `db.password`, `hosts[2]` (built only when read). */
  readonly where: string;
  /** Comments seen since the last value, per nesting level (sops's "active comments"). */
  readonly comments: readonly (readonly string[])[];
}

export type LeafVisitor = (leaf: Exclude<SopsScalar, { type: 'null' }> | SopsComment, ctx: LeafContext) => SopsScalar | SopsComment;

/** Shared by every level without comments; replaced by a fresh array before a first push. */
const NO_COMMENTS: string[] = [];

/** Returns new branches where each non-null leaf and each comment is replaced by what `visit` returns. */
export function mapLeaves(branches: SopsBranches, visit: LeafVisitor): SopsBranches {
  // One live path and one context for the whole walk: a 1 MB file has tens of thousands of leaves.
  const path: string[] = [];
  /** `where` pieces: map keys, and list indices as numbers. */
  const steps: Array<string | number> = [];
  const stack: string[][] = [];
  const ctx: LeafContext = {
    path,
    comments: stack,
    get where() {
      let where = '';
      for (const s of steps) where = typeof s === 'number' ? `${where}[${s}]` : where === '' ? s : `${where}.${s}`;
      return where;
    },
  };

  function leaf(v: SopsScalar | SopsComment): SopsScalar | SopsComment {
    if (v.type === 'null') return v;
    return visit(v, ctx);
  }

  function value(v: SopsValue): SopsValue {
    if (v.type === 'map') return walkMap(v);
    if (v.type === 'list') return walkList(v);
    return leaf(v) as SopsScalar;
  }

  /** Records a comment at this level; a value ends the level's run of comments. */
  function noteComment(level: number, text: string): void {
    if (stack[level] === NO_COMMENTS) stack[level] = [];
    stack[level]!.push(text);
  }

  function walkMap(m: SopsMap): SopsMap {
    const level = stack.push(NO_COMMENTS) - 1;
    const items: SopsMap['items'] = [];
    for (const item of m.items) {
      if (item.type === 'comment') {
        noteComment(level, item.value);
        items.push(leaf(item) as SopsComment);
        continue;
      }
      path.push(item.key);
      steps.push(item.key);
      items.push({ type: 'entry', key: item.key, value: value(item.value) });
      path.pop();
      steps.pop();
      stack[level] = NO_COMMENTS;
    }
    stack.pop();
    return { type: 'map', items };
  }

  function walkList(l: SopsList): SopsList {
    const level = stack.push(NO_COMMENTS) - 1;
    let index = 0;
    const items: SopsList['items'] = [];
    for (const item of l.items) {
      if (item.type === 'comment') {
        noteComment(level, item.value);
        items.push(leaf(item) as SopsComment);
        continue;
      }
      steps.push(index++);
      items.push(value(item));
      steps.pop();
      stack[level] = NO_COMMENTS;
    }
    stack.pop();
    return { type: 'list', items };
  }

  return branches.map((b) => walkMap(b));
}
