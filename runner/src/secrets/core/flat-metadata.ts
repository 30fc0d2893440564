// Flattens the nested metadata map into `a__list_0__map_b` keys for the dotenv and INI stores, and back.
import { SecretError } from '../../shared/core/errors';
import { entry, map, str, type SopsMap, type SopsValue } from './sops-tree';

const MAP_SEP = '__map_';
const LIST_SEP = '__list_';

function scalarText(v: SopsValue): string {
  switch (v.type) {
    case 'str': case 'int': case 'time': return v.value;
    case 'bool': return v.value ? 'true' : 'false';
    case 'float': return String(v.value);
    default: return '';
  }
}

/** `[flatKey, text]` pairs in sorted key order (sops 3.13 sorts flat metadata keys). */
export function flattenMetadata(meta: SopsMap): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (v: SopsValue, prefix: string) => {
    if (v.type === 'map') for (const i of v.items) { if (i.type === 'entry') walk(i.value, prefix + MAP_SEP + i.key); }
    else if (v.type === 'list') v.items.forEach((i, n) => { if (i.type !== 'comment') walk(i, prefix + LIST_SEP + n); });
    else out.push([prefix, scalarText(v)]);
  };
  for (const i of meta.items) if (i.type === 'entry') walk(i.value, i.key);
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

type Node = { kind: 'map'; children: Map<string, Node> } | { kind: 'list'; children: Map<number, Node> } | { kind: 'leaf'; value: string };

/** Rebuilds the nested metadata map from flat keys (order of keys does not matter). */
export function unflattenMetadata(pairs: ReadonlyArray<readonly [string, string]>, where: string): SopsMap {
  const root: Node = { kind: 'map', children: new Map() };
  for (const [flat, value] of pairs) {
    const parts = flat.split(/(__map_|__list_)/);
    let node: Node = root;
    let key: string | number = parts[0]!;
    for (let i = 1; i <= parts.length; i += 2) {
      const sep = parts[i];
      const holder = node as Extract<Node, { kind: 'map' | 'list' }>;
      if (sep === undefined) {
        (holder.children as Map<string | number, Node>).set(key, { kind: 'leaf', value });
        break;
      }
      const wanted = sep === MAP_SEP ? 'map' : 'list';
      let child = (holder.children as Map<string | number, Node>).get(key);
      if (!child) {
        child = wanted === 'map' ? { kind: 'map', children: new Map() } : { kind: 'list', children: new Map() };
        (holder.children as Map<string | number, Node>).set(key, child);
      }
      if (child.kind !== wanted) throw new SecretError(`${where}: sops metadata key "${flat}" clashes with another key`, { hint: 'the file is damaged; restore it from version control' });
      node = child;
      const next = parts[i + 1] ?? '';
      key = wanted === 'list' ? Number(next) : next;
    }
  }
  const build = (n: Node): SopsValue => {
    if (n.kind === 'leaf') return str(n.value);
    if (n.kind === 'map') return map([...n.children].map(([k, c]) => entry(k, build(c))));
    return { type: 'list', items: [...n.children].sort((a, b) => a[0] - b[0]).map(([, c]) => build(c)) };
  };
  return build(root) as SopsMap;
}
