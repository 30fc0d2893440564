// Parses one descriptor file with the yaml Document API and maps dotted paths back to line:column.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { DescriptorError } from '../../shared/core/errors';

export type PathKey = string | number;

export interface Position {
  line: number;
  col: number;
}

export interface Located {
  position: Position;
  /** How many leading path keys exist in the file (path.length when the whole path was found). */
  depth: number;
}

/** One parsed descriptor file: its plain data and a way back from a path to the source text. */
export interface YamlSource {
  /** Relative to the home, for messages. */
  file: string;
  /** The plain data; an empty file is an empty map. */
  value: unknown;
  /** Where `path` is (the key itself when atKey); the nearest existing parent when it is missing. */
  locate(path: readonly PathKey[], atKey?: boolean): Located;
}

/**
 * Parses YAML text; malformed YAML is a DescriptorError at its own line:column. Merge keys (`<<`) and anchors work.
 * @example parseYamlSource('version: 1\n', 'etc/harbor.yaml').value // { version: 1 }
 */
export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: true, prettyErrors: false, merge: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const { line, col } = lineCounter.linePos(first.pos[0]);
    const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more YAML error${doc.errors.length > 2 ? 's' : ''})` : '';
    throw new DescriptorError(`${file}:${line}:${col}: malformed YAML: ${firstLine(first.message)}${more}`, {
      hint: 'fix the YAML syntax at that line; an editor with YAML support shows the problem as you type',
    });
  }
  const value = doc.toJS({ maxAliasCount: 1000 }) ?? {};
  const at = (offset: number): Position => lineCounter.linePos(offset);
  return { file, value, locate: (path, atKey = false) => locateNode(doc, path, atKey, at) };
}

function locateNode(doc: Document, path: readonly PathKey[], atKey: boolean, at: (offset: number) => Position): Located {
  let node: unknown = doc.contents;
  let position: Position = startOf(node, at) ?? { line: 1, col: 1 };
  for (let depth = 0; depth < path.length; depth++) {
    const key = path[depth]!;
    if (isAlias(node)) node = node.resolve(doc);
    let keyNode: unknown;
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) return { position, depth };
      keyNode = pair.key;
      next = pair.value;
    } else if (isSeq(node) && typeof key === 'number' && key < node.items.length) {
      next = node.items[key];
    } else {
      return { position, depth };
    }
    const last = depth === path.length - 1;
    position = (last && atKey ? startOf(keyNode, at) : startOf(next, at) ?? startOf(keyNode, at)) ?? position;
    node = next;
  }
  return { position, depth: path.length };
}

function startOf(node: unknown, at: (offset: number) => Position): Position | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? at(range[0]) : undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
