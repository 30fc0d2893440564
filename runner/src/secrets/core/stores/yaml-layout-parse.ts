// Reads the plain block YAML layout that sops and Harbor write, fast; gives up (undefined) on anything else.
import type { SopsEntry, SopsList, SopsMap, SopsValue } from '../sops-tree';
import { lineStarts, placeYamlComments, type Anchor, type CommentToken, type Container } from './yaml-comment-place';
import { giveUp, LayoutGiveUp, parseLayoutPlain, parseLayoutQuoted } from './yaml-layout-scalar';

// Why a second reader: composing a `yaml` Document for a 1 MB sops file costs ~0.6 s, and sops files
// are block maps and sequences of one-line scalars, with comment lines. Anything this reader does not
// fully understand (tabs, non-ASCII, anchors, tags, flow content, escapes, folded or multi-line plain
// scalars, a comment after `key:`, `-` or `|`, several documents, odd indentation) makes it return
// undefined, and the `yaml` package reads the file. Comments are placed by the full reader's own code.

/** Tabs, CR, control and non-ASCII characters; a document marker. */
const OUTSIDE_ASCII = /[^\n\x20-\x7e]/;
const DOCUMENT_MARKER = /^(?:---|\.\.\.)/m;
/** YAML limits implicit keys to 1024 characters; stay well below. */
const MAX_KEY = 1000;

function indentOf(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return n;
}

class LayoutReader {
  private i = 0;
  private readonly lines: string[];
  /** Only when the text has a `#`: line offsets, comments, and every collection with its items' offsets. */
  private readonly marks: { starts: number[]; comments: CommentToken[]; anchors: Anchor[]; containers: Container[] } | undefined;

  constructor(private readonly src: string) {
    this.lines = src.slice(0, -1).split('\n');
    this.marks = src.includes('#') ? { starts: lineStarts(src), comments: [], anchors: [], containers: [] } : undefined;
  }

  read(): SopsMap {
    this.skipEmpty();
    if (this.i >= this.lines.length || indentOf(this.lines[this.i]!) !== 0 || this.isDash(this.lines[this.i]!, 0)) giveUp();
    const root = this.map(0, undefined);
    this.skipEmpty();
    if (this.i < this.lines.length) giveUp();
    const m = this.marks;
    if (m) placeYamlComments(m.comments, m.containers[0]!, m.anchors, m.containers, this.src, m.starts);
    return root;
  }

  /** Skips empty lines, and comment lines (noted with their offsets). */
  private skipEmpty(): void {
    for (let line = this.lines[this.i]; line !== undefined; line = this.lines[++this.i]) {
      if (line === '') continue;
      if (!this.marks) return;
      const indent = indentOf(line);
      if (line[indent] !== '#') return;
      this.marks.comments.push({ offset: this.offset(this.i, indent), source: line.slice(indent) });
    }
  }

  private offset(line: number, col: number): number {
    return this.marks!.starts[line]! + col;
  }

  /** With comments: a container for this collection, whose items are placed with their offsets. */
  private container(value: SopsMap | SopsList, column: number, parent: Container | undefined): Container | undefined {
    if (!this.marks) return undefined;
    const c: Container = { value, column, parent, placed: [] };
    this.marks.containers.push(c);
    return c;
  }

  /** Records an item after its value was read, as the full reader does (ties in offsets pick by that order). */
  private place(container: Container | undefined, offset: number, item: SopsEntry | SopsValue): void {
    if (!container) return;
    container.placed.push({ offset, item });
    this.marks!.anchors.push({ offset, container });
  }

  /** A `# comment` after a value on its line (searched from `from`): noted, and the value's text returned without it. */
  private trailing(text: string, at: number, from = 0): string {
    const hash = text.indexOf(' #', from);
    if (hash < 0) return text;
    if (!this.marks) giveUp();
    const start = text.indexOf('#', hash);
    this.marks!.comments.push({ offset: at + start, source: text.slice(start) });
    return text.slice(0, hash).trimEnd();
  }

  private isDash(line: string, col: number): boolean {
    return line[col] === '-' && (line.length === col + 1 || line[col + 1] === ' ');
  }

  /** The index of the `:` that ends the key starting at `col`, or -1 when the line holds no key. */
  private keyEnd(line: string, col: number): number {
    const c = line[col];
    if (c === '"' || c === "'") {
      const { end } = parseLayoutQuoted(line, col);
      return line[end] === ':' && (end + 1 === line.length || line[end + 1] === ' ') ? end : -1;
    }
    const space = line.indexOf(': ', col);
    if (space >= 0) return space;
    return line.endsWith(':') ? line.length - 1 : -1;
  }

  private map(col: number, parent: Container | undefined): SopsMap {
    const items: SopsEntry[] = [];
    const result: SopsMap = { type: 'map', items };
    const container = this.container(result, col, parent);
    const keys = new Set<string>();
    for (;;) {
      this.skipEmpty();
      const line = this.lines[this.i];
      if (line === undefined) break;
      const indent = indentOf(line);
      if (indent < col) break;
      if (indent > col || this.isDash(line, col)) {
        // A sequence at the map's own indentation belongs to the key before it, which took it already.
        giveUp();
      }
      const end = this.keyEnd(line, col);
      if (end < 0 || end - col > MAX_KEY) giveUp();
      const keyText = line.slice(col, end);
      let key: string;
      if (keyText[0] === '"' || keyText[0] === "'") key = parseLayoutQuoted(line, col).value;
      else {
        const typed = parseLayoutPlain(keyText);
        key = typed.type === 'str' ? typed.value : giveUp();
      }
      if (keys.has(key)) giveUp();
      keys.add(key);
      const rest = line.slice(end + 1).trimStart();
      const at = this.marks ? this.offset(this.i, line.length - rest.length) : 0;
      const keyAt = this.marks ? this.offset(this.i, col) : 0;
      this.i++;
      const value = rest === '' ? this.nested(col, true, container) : this.inline(rest, col, at);
      const entry: SopsEntry = { type: 'entry', key, value };
      items.push(entry);
      this.place(container, keyAt, entry);
    }
    return result;
  }

  private list(col: number, parent: Container | undefined): SopsList {
    const items: SopsValue[] = [];
    const result: SopsList = { type: 'list', items };
    const container = this.container(result, col, parent);
    for (;;) {
      this.skipEmpty();
      const line = this.lines[this.i];
      if (line === undefined || indentOf(line) < col) break;
      if (indentOf(line) > col) giveUp();
      if (!this.isDash(line, col)) {
        // A key at this indentation ends a sequence nested at its map's level; anything else is odd.
        if (line[col] === '-') giveUp();
        break;
      }
      const dashAt = this.marks ? this.offset(this.i, col) : 0;
      let item: SopsValue;
      let itemAt: number;
      const start = indentOf(line.slice(col + 1)) + col + 1;
      const rest = line.slice(start);
      if (line.length === col + 1) {
        this.i++;
        this.skipEmpty();
        const next = this.lines[this.i];
        // A null item starts just after its dash; a nested collection at its first line.
        itemAt = next !== undefined && indentOf(next) > col && this.marks ? this.offset(this.i, indentOf(next)) : dashAt + 1;
        item = this.nested(col, false, container);
      } else if (this.isDash(rest, 0) || this.keyEnd(line, start) >= 0) {
        // `- key: v` and `- - v` open a collection at the column after the dash: read the line as if
        // the dash were a space.
        itemAt = dashAt - col + start;
        this.lines[this.i] = ' '.repeat(start) + rest;
        item = this.block(start, container);
      } else {
        itemAt = dashAt - col + start;
        this.i++;
        item = this.inline(rest, col, itemAt);
      }
      items.push(item);
      this.place(container, itemAt, item);
    }
    return result;
  }

  /** The value of `key:` or `-` with nothing after it: a deeper collection, or null. */
  private nested(col: number, sequenceAtSameIndent: boolean, parent: Container | undefined): SopsValue {
    this.skipEmpty();
    const line = this.lines[this.i];
    if (line === undefined) return { type: 'null' };
    const indent = indentOf(line);
    if (indent > col) return this.block(indent, parent);
    if (indent === col && sequenceAtSameIndent && this.isDash(line, col)) return this.list(col, parent);
    return { type: 'null' };
  }

  private block(col: number, parent: Container | undefined): SopsMap | SopsList {
    return this.isDash(this.lines[this.i]!, col) ? this.list(col, parent) : this.map(col, parent);
  }

  /** A value written on the same line (at offset `at`), after `key: ` or `- `; `parent` is the indentation of that line's collection. */
  private inline(text: string, parent: number, at: number): SopsValue {
    switch (text[0]) {
      case '"':
      case "'": {
        const { value, end } = parseLayoutQuoted(text, 0);
        if (end === text.length) return { type: 'str', value };
        return text[end] === ' ' && this.trailing(text, at, end).length === end ? { type: 'str', value } : giveUp();
      }
      case '|':
        return { type: 'str', value: this.literal(text, parent) };
      case '{':
        return text === '{}' ? { type: 'map', items: [] } : giveUp();
      case '[':
        return text === '[]' ? { type: 'list', items: [] } : giveUp();
      default:
        return parseLayoutPlain(this.trailing(text, at));
    }
  }

  /** A `|`, `|-` or `|+` block whose lines follow; its indentation is its first line's. */
  private literal(header: string, parent: number): string {
    if (header !== '|' && header !== '|-' && header !== '|+') giveUp();
    const first = this.lines[this.i];
    const col = first === undefined || first === '' ? giveUp() : indentOf(first);
    if (col <= parent) giveUp();
    const body: string[] = [];
    let trailing = 0;
    for (let line = this.lines[this.i]; line !== undefined; line = this.lines[++this.i]) {
      if (line === '') {
        trailing++;
        continue;
      }
      if (indentOf(line) < col) {
        // A comment right after a block scalar may be its trailing comment: the full reader decides.
        if (line[indentOf(line)] === '#') giveUp();
        break;
      }
      for (; trailing > 0; trailing--) body.push('');
      body.push(line.slice(col));
    }
    const text = body.join('\n');
    if (header === '|-') return text;
    return header === '|' ? `${text}\n` : `${text}\n${'\n'.repeat(trailing)}`;
  }
}

/** One branch when `src` is a single document in the plain block layout; undefined means "use the full reader". */
export function parseSopsLayoutYaml(src: string): SopsMap[] | undefined {
  if (!src.endsWith('\n') || src.includes(' \n') || OUTSIDE_ASCII.test(src) || DOCUMENT_MARKER.test(src)) return undefined;
  try {
    return [new LayoutReader(src).read()];
  } catch (err) {
    if (err instanceof LayoutGiveUp) return undefined;
    throw err;
  }
}
