// Paths into a sops tree, in sops's `["key"][0]` syntax (a bare word means one top-level key), and edits at them.
import { SecretError } from '../../shared/core/errors';
import type { SopsMap, SopsValue } from './sops-tree';

export type PathPart = string | number;

/** `["a"]["b"][0]` → ['a', 'b', 0]; `KEY` → ['KEY']. */
export function parseSopsPath(text: string): PathPart[] {
  if (!text.startsWith('[')) {
    if (text === '') throw new SecretError('empty key path', { hint: 'write a key, or a path like \'["db"]["password"]\'' });
    return [text];
  }
  const parts: PathPart[] = [];
  const re = /\[(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|(\d+))\]/y;
  let i = 0;
  while (i < text.length) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) throw new SecretError(`invalid key path "${text}" at character ${i + 1}`, { hint: 'write a path like \'["db"]["password"]\' or \'["hosts"][0]\'' });
    parts.push(m[1] !== undefined ? JSON.parse(`"${m[1]}"`) : m[2] !== undefined ? m[2] : Number(m[3]));
    i = re.lastIndex;
  }
  return parts;
}

export function renderPath(path: readonly PathPart[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `["${p}"]`)).join('');
}

function child(v: SopsValue, part: PathPart): SopsValue | undefined {
  if (v.type === 'map' && typeof part === 'string') {
    for (const i of v.items) if (i.type === 'entry' && i.key === part) return i.value;
  }
  if (v.type === 'list' && typeof part === 'number') return v.items.filter((i) => i.type !== 'comment')[part] as SopsValue | undefined;
  return undefined;
}

/** Sets the value at `path`, creating missing map keys (sops set); returns a new tree. */
export function setAtPath(root: SopsMap, path: readonly PathPart[], value: SopsValue): SopsMap {
  const go = (node: SopsValue, i: number): SopsValue => {
    const part = path[i]!;
    const last = i === path.length - 1;
    if (node.type === 'map' && typeof part === 'string') {
      const existing = child(node, part);
      const next = last ? value : go(existing ?? { type: 'map', items: [] }, i + 1);
      if (existing === undefined) return { type: 'map', items: [...node.items, { type: 'entry', key: part, value: next }] };
      let done = false;
      return { type: 'map', items: node.items.map((it) => (!done && it.type === 'entry' && it.key === part ? ((done = true), { ...it, value: next }) : it)) };
    }
    if (node.type === 'list' && typeof part === 'number') {
      let n = -1;
      const count = node.items.filter((it) => it.type !== 'comment').length;
      if (part > count) throw new SecretError(`${renderPath(path.slice(0, i + 1))}: index out of range (the list has ${count} items)`, { hint: 'use the next free index to append' });
      if (part === count) return { type: 'list', items: [...node.items, last ? value : go({ type: 'map', items: [] }, i + 1)] };
      return { type: 'list', items: node.items.map((it) => (it.type !== 'comment' && ++n === part ? (last ? value : go(it, i + 1)) : it)) };
    }
    throw new SecretError(`${renderPath(path.slice(0, i + 1))}: cannot go into a ${node.type} with ${typeof part === 'number' ? 'an index' : 'a key'}`, { hint: 'check the path' });
  };
  return go(root, 0) as SopsMap;
}

/** Removes the key or list element at `path`; throws when it does not exist. */
export function unsetAtPath(root: SopsMap, path: readonly PathPart[]): SopsMap {
  const go = (node: SopsValue, i: number): SopsValue => {
    const part = path[i]!;
    if (child(node, part) === undefined) throw new SecretError(`${renderPath(path.slice(0, i + 1))}: not found`, { hint: 'check the path (`harbor secrets decrypt` shows the keys)' });
    const last = i === path.length - 1;
    if (node.type === 'map') {
      return { type: 'map', items: node.items.flatMap((it) => (it.type === 'entry' && it.key === part ? (last ? [] : [{ ...it, value: go(it.value, i + 1) }]) : [it])) };
    }
    let n = -1;
    return { type: 'list', items: (node as { items: Array<SopsValue | { type: 'comment'; value: string }> }).items.flatMap((it) => (it.type !== 'comment' && ++n === part ? (last ? [] : [go(it, i + 1)]) : [it])) } as SopsValue;
  };
  return go(root, 0) as SopsMap;
}
