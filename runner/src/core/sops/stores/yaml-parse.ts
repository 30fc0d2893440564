// Reads YAML into sops branches the way sops (yaml.v3) does: one branch per document, comments as items, yaml.v3 typing.
import { isAlias, isMap, isPair, isScalar, isSeq, Parser, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';
import { SecretError } from '../../../errors';
import type { SopsComment, SopsEntry, SopsMap, SopsValue } from '../sops-tree';
import { parseSopsLayoutYaml } from './yaml-layout-parse';
import { resolvePlainScalar, resolveTaggedScalar, YamlScalarError } from './yaml-scalar';

interface Container {
  value: SopsMap | SopsValue;
  column: number;
  parent: Container | undefined;
  placed: Array<{ offset: number; item: SopsEntry | SopsValue | SopsComment }>;
}

interface Ctx {
  doc: Document;
  fail: Fail;
  at: Locate;
  /** Every container built, so that comments placed late still reach their items. */
  containers: Container[];
}

interface Anchor {
  offset: number;
  container: Container;
}

function lineStarts(src: string): number[] {
  const starts = [0];
  for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function locate(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! };
}

function collectComments(token: unknown, out: Array<{ offset: number; source: string }>): void {
  if (!token || typeof token !== 'object') return;
  const t = token as { type?: string; offset?: number; source?: string };
  if (t.type === 'comment' && typeof t.offset === 'number' && typeof t.source === 'string') out.push({ offset: t.offset, source: t.source });
  for (const v of Object.values(token)) if (v && typeof v === 'object') collectComments(v, out);
}

/** Parses YAML text into branches; `file` prefixes errors, which carry line numbers but never values. */
export function parseYamlStore(src: string, file: string): SopsMap[] {
  // Files in the layout sops writes take the fast reader; it gives the same branches (tested on every fixture).
  return parseSopsLayoutYaml(src) ?? parseYamlComposed(src, file);
}

/** The full reader: composes `yaml` Documents, so it handles any YAML, comments included. */
export function parseYamlComposed(src: string, file: string): SopsMap[] {
  const starts = lineStarts(src);
  const docs = parseAllDocuments(src, { schema: 'failsafe', merge: false, uniqueKeys: true, prettyErrors: false });
  const all = Array.isArray(docs) ? docs : [docs];
  const comments: Array<{ offset: number; source: string }> = [];
  // The CST pass costs as much as parsing again: skip it when no `#` can start a comment.
  if (/(^|\s)#/.test(src)) for (const token of new Parser().parse(src)) collectComments(token, comments);

  const fail = (offset: number, why: string): never => {
    const { line } = locate(starts, offset);
    throw new SecretError(`${file}:${line}: ${why}`, { hint: 'fix the YAML syntax (sops reads YAML with yaml.v3 rules)' });
  };

  return all.map((doc, index) => {
    const first = doc.errors[0];
    if (first) fail(first.pos[0], first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''));
    const root: Container = { value: { type: 'map', items: [] }, column: 0, parent: undefined, placed: [] };
    const anchors: Anchor[] = [];
    const ctx: Ctx = { doc, fail, at: (o) => locate(starts, o), containers: [root] };
    convertDocument(root, anchors, ctx);
    const docEnd = all[index + 1]?.range[0] ?? Infinity;
    const docStart = doc.range[0];
    for (const c of comments) {
      if (c.offset < docStart && index > 0) continue;
      if (c.offset >= docEnd) continue;
      placeComment(c, root, anchors, src, starts);
    }
    ctx.containers.forEach(finish);
    return root.value as SopsMap;
  });
}

type Fail = (offset: number, why: string) => never;
type Locate = (offset: number) => { line: number; column: number };

function convertDocument(root: Container, anchors: Anchor[], ctx: Ctx): void {
  const { fail } = ctx;
  const contents = ctx.doc.contents as YamlNode | null;
  if (contents === null) return;
  if (isScalar(contents)) {
    if (contents.value === null || contents.value === '' || (contents.type === 'PLAIN' && resolvePlainScalar(String(contents.value)).type === 'null')) return;
    fail(contents.range?.[0] ?? 0, 'YAML documents that are values are not supported (the top level must be a mapping)');
  }
  if (isSeq(contents)) fail(contents.range?.[0] ?? 0, 'YAML documents that are sequences are not supported (the top level must be a mapping)');
  if (!isMap(contents)) fail(0, 'the top level must be a mapping');
  fillMap(contents as never, root, anchors, ctx);
}

/** Converts one node; `anchors` receives item positions for comment placement ([] inside alias copies). */
function convert(node: unknown, parent: Container, anchors: Anchor[], ctx: Ctx): SopsValue {
  const { fail } = ctx;
  if (isAlias(node)) {
    const target = node.resolve(ctx.doc);
    if (!target) fail(node.range?.[0] ?? 0, `unknown alias *${node.source}`);
    return convert(target, parent, [], ctx);
  }
  if (isMap(node) || isSeq(node)) {
    const container: Container = { value: { type: isMap(node) ? 'map' : 'list', items: [] } as SopsValue, column: 0, parent, placed: [] };
    ctx.containers.push(container);
    if (isMap(node)) fillMap(node, container, anchors, ctx);
    else {
      container.column = ctx.at(node.range?.[0] ?? 0).column;
      for (const item of node.items) {
        const offset = (item as YamlNode | null)?.range?.[0] ?? 0;
        const value = item === null ? ({ type: 'null' } as const) : convert(item, container, anchors, ctx);
        container.placed.push({ offset, item: value });
        anchors.push({ offset, container });
      }
    }
    return container.value as SopsValue;
  }
  if (isScalar(node)) {
    const text = node.value === null || node.value === undefined ? '' : String(node.value);
    try {
      if (node.tag && node.tag !== '!') return resolveTaggedScalar(node.tag, text);
      if (node.type !== 'PLAIN') return { type: 'str', value: text };
      return resolvePlainScalar(text);
    } catch (err) {
      return fail(node.range?.[0] ?? 0, err instanceof YamlScalarError ? err.message : 'bad scalar');
    }
  }
  return { type: 'null' };
}

function fillMap(node: { items: unknown[]; range?: [number, number, number] | null }, container: Container, anchors: Anchor[], ctx: Ctx): void {
  const firstKey = (node.items[0] as { key?: YamlNode } | undefined)?.key;
  container.column = ctx.at(firstKey?.range?.[0] ?? node.range?.[0] ?? 0).column;
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    const keyNode = pair.key as YamlNode | null;
    const offset = keyNode?.range?.[0] ?? 0;
    const key = isScalar(keyNode) ? convert(keyNode, container, [], ctx) : undefined;
    if (!key || key.type !== 'str') {
      ctx.fail(offset, `mapping keys must be strings (a key here reads as ${key ? key.type : 'a collection'}; quote it)`);
    }
    const value = pair.value === null ? ({ type: 'null' } as const) : convert(pair.value, container, anchors, ctx);
    container.placed.push({ offset, item: { type: 'entry', key: (key as { value: string }).value, value } });
    anchors.push({ offset, container });
  }
}

function placeComment(c: { offset: number; source: string }, root: Container, anchors: Anchor[], src: string, starts: number[]): void {
  const { line, column } = locate(starts, c.offset);
  const text = c.source.replace(/^#/, '').replace(/\r$/, '');
  const ownLine = src.slice(starts[line - 1]!, c.offset).trim() === '';
  const before = anchors.filter((a) => a.offset < c.offset).reduce<Anchor | undefined>((best, a) => (!best || a.offset >= best.offset ? a : best), undefined);
  if (!ownLine) {
    const target = before?.container ?? root;
    target.placed.push({ offset: c.offset, item: { type: 'comment', value: text, inline: true } });
    return;
  }
  const after = anchors.filter((a) => a.offset > c.offset).reduce<Anchor | undefined>((best, a) => (!best || a.offset < best.offset ? a : best), undefined);
  let target: Container;
  if (after && after.container.column === column) target = after.container;
  else {
    let from = after && after.container.column > column ? after.container : before?.container;
    while (from && from.column > column) from = from.parent;
    target = from ?? root;
  }
  target.placed.push({ offset: c.offset, item: { type: 'comment', value: text } });
}

function finish(container: Container): void {
  const items = container.placed.sort((a, b) => a.offset - b.offset).map((p) => p.item);
  (container.value as { items: unknown[] }).items = items;
}
