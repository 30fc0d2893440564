// Walks every leaf and comment of the branches in file order, with its sops key path and the active comments.
import type { SopsBranches, SopsComment, SopsList, SopsMap, SopsScalar, SopsValue } from './sops-tree';

export interface LeafContext {
  /** Key path as sops uses it for the AAD: map keys only, no list indices. */
  path: readonly string[];
  /** Human path for messages: `db.password`, `hosts[2]`. */
  where: string;
  /** Comments seen since the last value, per nesting level (sops's "active comments"). Read it synchronously. */
  comments: readonly (readonly string[])[];
}

export type LeafVisitor = (leaf: Exclude<SopsScalar, { type: 'null' }> | SopsComment, ctx: LeafContext) => SopsScalar | SopsComment;

const join = (where: string, key: string) => (where === '' ? key : `${where}.${key}`);

/** Returns new branches where each non-null leaf and each comment is replaced by what `visit` returns. */
export function mapLeaves(branches: SopsBranches, visit: LeafVisitor): SopsBranches {
  const stack: string[][] = [];

  function leaf(v: SopsScalar | SopsComment, path: string[], where: string): SopsScalar | SopsComment {
    if (v.type === 'null') return v;
    return visit(v, { path, where, comments: stack });
  }

  function value(v: SopsValue, path: string[], where: string): SopsValue {
    if (v.type === 'map') return walkMap(v, path, where);
    if (v.type === 'list') return walkList(v, path, where);
    return leaf(v, path, where) as SopsScalar;
  }

  function walkMap(m: SopsMap, path: string[], where: string): SopsMap {
    stack.push([]);
    const level = stack.length - 1;
    const items = m.items.map((item) => {
      if (item.type === 'comment') {
        stack[level]!.push(item.value);
        return leaf(item, path, where) as SopsComment;
      }
      const out = { ...item, value: value(item.value, [...path, item.key], join(where, item.key)) };
      stack[level] = [];
      return out;
    });
    stack.pop();
    return { type: 'map', items };
  }

  function walkList(l: SopsList, path: string[], where: string): SopsList {
    stack.push([]);
    const level = stack.length - 1;
    let index = 0;
    const items = l.items.map((item) => {
      if (item.type === 'comment') {
        stack[level]!.push(item.value);
        return leaf(item, path, where) as SopsComment;
      }
      const out = value(item, path, `${where}[${index++}]`);
      stack[level] = [];
      return out;
    });
    stack.pop();
    return { type: 'list', items };
  }

  return branches.map((b) => walkMap(b, [], ''));
}
