// Reads YAML into sops branches the way sops (yaml.v3) does: one branch per document, comments as items, yaml.v3 typing.
import { isAlias, isMap, isPair, isScalar, isSeq, Parser, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';
import { SecretError } from '../../../shared/core/errors';
import type { SopsMap, SopsValue } from '../sops-tree';
import { lineStarts, locate, placeYamlComments, type Anchor, type CommentToken, type Container } from './yaml-comment-place';
import { parseSopsLayoutYaml } from './yaml-layout-parse';
import { resolvePlainScalar, resolveTaggedScalar, YamlScalarError } from './yaml-scalar';

interface Ctx {
  doc: Document;
  fail: Fail;
  at: Locate;
  /** Every container built, so that comments placed late still reach their items. */
  containers: Container[];
}

function collectComments(token: unknown, out: CommentToken[]): void {
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
  const comments: CommentToken[] = [];
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
    const own = comments.filter((c) => !(c.offset < docStart && index > 0) && c.offset < docEnd);
    placeYamlComments(own, root, anchors, ctx.containers, src, starts);
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
