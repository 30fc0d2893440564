// Decodes one compose file's YAML documents as compose-go does (yaml.v3 into interface{}), with `!reset`/`!override` and merge keys.
import { isAlias, isMap as isYamlMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';
import { isMap, unsupported, type ModelMap, type ModelNode } from './model-tree';

/** One YAML document: its tree, and the paths its `!reset` / `!override` tags name (compose-go ResetProcessor). */
export interface ComposeDocument {
  tree: ModelMap;
  /** Dotted paths (map keys; list items as their index) that replace, rather than merge with, what came before. */
  resetPaths: string[][];
}

/**
 * Parses the documents of one compose file. Everything yaml.v3 would decode differently from the `yaml`
 * package's core schema (non-string keys, `1_000`, `0b101`, unknown tags, integers past 2^53) is reported as
 * unsupported; a leading-zero integer is octal, as in Go.
 * @example parseComposeYaml('services: {a: {image: x}}', 'compose.yml')[0].tree // { services: { a: { image: 'x' } } }
 */
export function parseComposeYaml(text: string, file: string): ComposeDocument[] {
  const documents = parseAllDocuments(text, { merge: true, prettyErrors: false });
  const list = Array.isArray(documents) ? documents : [documents];
  const result: ComposeDocument[] = [];
  for (const document of list) {
    if (document.errors.length > 0) unsupported(`YAML error: ${document.errors[0]!.message.split('\n')[0]}`, file);
    const resetPaths: string[][] = [];
    document.contents = resolveTags(document.contents as YamlNode | null, [], resetPaths, file) as typeof document.contents;
    const tree = (document as Document).toJS({ maxAliasCount: -1 }) as ModelNode;
    if (!isMap(tree)) unsupported('a document that is not a mapping', file);
    result.push({ tree, resetPaths });
  }
  return result;
}

/** Walks the AST: drops `!reset` nodes, unwraps `!override`, recording their paths; checks what yaml.v3 decodes differently. */
function resolveTags(node: YamlNode | null, path: string[], resets: string[][], file: string): YamlNode | null {
  if (node === null || isAlias(node)) return node;
  const tag = node.tag;
  if (tag === '!reset') {
    resets.push(path);
    return null;
  }
  if (tag === '!override') {
    resets.push(path);
    node.tag = undefined;
  } else if (tag !== undefined && !tag.startsWith('tag:yaml.org,2002:')) {
    unsupported(`YAML tag ${tag}`, `${file}: ${path.join('.')}`);
  }
  if (isScalar(node)) {
    checkScalar(node, path, file);
    return node;
  }
  if (isSeq(node)) {
    const kept: unknown[] = [];
    node.items.forEach((item, index) => {
      const resolved = resolveTags(item as YamlNode, [...path, String(index)], resets, file);
      if (resolved !== null) kept.push(resolved);
    });
    node.items = kept;
    return node;
  }
  if (isYamlMap(node)) {
    const kept: unknown[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key as YamlNode | null;
      if (isScalar(key) && typeof key.value === 'symbol' && key.source === '<<') {
        kept.push(pair);
        continue;
      }
      if (!isScalar(key) || typeof key.value !== 'string') unsupported('a mapping key that is not a string', `${file}: ${path.join('.')}`);
      const name = key.value;
      if (name === '__proto__') unsupported('the key __proto__', `${file}: ${path.join('.')}`);
      const value = pair.value as YamlNode | null;
      if (value !== null && !isAlias(value) && value.tag === '!reset') {
        resets.push([...path, name]);
        continue;
      }
      pair.value = resolveTags(value, [...path, name], resets, file);
      kept.push(pair);
    }
    node.items = kept as typeof node.items;
    return node;
  }
  return node;
}

const OCTAL = /^[-+]?0[0-7]+$/;
const GO_ONLY_NUMBER = /^[-+]?(?:0[bB][01_]+|0[oO][0-7_]*_[0-7_]*|[0-9][0-9_]*_[0-9_]*|0x[0-9a-fA-F]*_[0-9a-fA-F_]*)$/;

/** A plain scalar yaml.v3 reads as another number than the core schema (Go's strconv.ParseInt with base 0). */
function checkScalar(node: YamlNode & { value?: unknown; source?: string; type?: string }, path: string[], file: string): void {
  if (node.type !== 'PLAIN' || typeof node.source !== 'string') return;
  const source = node.source;
  if (OCTAL.test(source)) {
    node.value = Number.parseInt(source, 8);
    return;
  }
  if (GO_ONLY_NUMBER.test(source)) unsupported(`the number ${source} (Go reads it differently)`, `${file}: ${path.join('.')}`);
  if (typeof node.value === 'number' && Number.isInteger(node.value) && !Number.isSafeInteger(node.value)) {
    unsupported(`the integer ${source}`, `${file}: ${path.join('.')}`);
  }
}
