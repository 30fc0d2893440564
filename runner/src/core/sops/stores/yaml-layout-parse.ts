// Reads the plain block YAML layout that sops and Harbor write, fast; gives up (undefined) on anything else.
import type { SopsEntry, SopsList, SopsMap, SopsValue } from '../sops-tree';
import { resolvePlainScalar } from './yaml-scalar';

// Why a second reader: composing a `yaml` Document for a 1 MB sops file costs ~0.6 s, and sops files
// are block maps and sequences of one-line scalars. Anything this reader does not fully understand
// (comments, tabs, non-ASCII, anchors, tags, flow content, escapes, folded or multi-line plain scalars,
// several documents, odd indentation) makes it return undefined, and the `yaml` package reads the file.

/** Thrown inside the reader to give up; never leaves this file. */
class GiveUp extends Error {}
const giveUp = (): never => {
  throw new GiveUp();
};

/** Tabs, CR, control and non-ASCII characters; a comment; a document marker. */
const OUTSIDE_ASCII = /[^\n\x20-\x7e]/;
const COMMENT = /(?:^|[ ])#/m;
const DOCUMENT_MARKER = /^(?:---|\.\.\.)/m;
/** Characters that cannot start a plain scalar here (`-` is checked apart: `-5` is plain). */
const INDICATORS = new Set('?:,[]{}#&*!|>\'"%@`');
/** YAML limits implicit keys to 1024 characters; stay well below. */
const MAX_KEY = 1000;

function isPlain(text: string): boolean {
  const c = text[0];
  if (c === undefined || INDICATORS.has(c)) return false;
  if (c === '-' && (text.length === 1 || text[1] === ' ')) return false;
  return !text.includes(': ') && !text.endsWith(':') && !text.endsWith(' ');
}

function plainValue(text: string): SopsValue {
  if (!isPlain(text)) giveUp();
  try {
    return resolvePlainScalar(text);
  } catch {
    // Out-of-range ints and the like: the full reader reports them with their line.
    return giveUp();
  }
}

/** A quoted scalar at `from` in `line`: its value and the index just after its closing quote. */
function quoted(line: string, from: number): { value: string; end: number } {
  const q = line[from];
  if (q === '"') {
    const close = line.indexOf('"', from + 1);
    const value = close < 0 ? giveUp() : line.slice(from + 1, close);
    if (value.includes('\\')) giveUp();
    return { value, end: close + 1 };
  }
  let value = '';
  let at = from + 1;
  for (;;) {
    const close = line.indexOf("'", at);
    if (close < 0) giveUp();
    value += line.slice(at, close);
    if (line[close + 1] !== "'") return { value, end: close + 1 };
    value += "'";
    at = close + 2;
  }
}

function indentOf(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return n;
}

class LayoutReader {
  private i = 0;
  constructor(private readonly lines: string[]) {}

  read(): SopsMap {
    this.skipEmpty();
    if (this.i >= this.lines.length || indentOf(this.lines[this.i]!) !== 0 || this.isDash(this.lines[this.i]!, 0)) giveUp();
    const root = this.map(0);
    this.skipEmpty();
    if (this.i < this.lines.length) giveUp();
    return root;
  }

  private skipEmpty(): void {
    while (this.lines[this.i] === '') this.i++;
  }

  private isDash(line: string, col: number): boolean {
    return line[col] === '-' && (line.length === col + 1 || line[col + 1] === ' ');
  }

  /** The index of the `:` that ends the key starting at `col`, or -1 when the line holds no key. */
  private keyEnd(line: string, col: number): number {
    const c = line[col];
    if (c === '"' || c === "'") {
      const { end } = quoted(line, col);
      return line[end] === ':' && (end + 1 === line.length || line[end + 1] === ' ') ? end : -1;
    }
    const space = line.indexOf(': ', col);
    if (space >= 0) return space;
    return line.endsWith(':') ? line.length - 1 : -1;
  }

  private map(col: number): SopsMap {
    const items: SopsEntry[] = [];
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
      if (keyText[0] === '"' || keyText[0] === "'") key = quoted(line, col).value;
      else {
        const typed = plainValue(keyText);
        key = typed.type === 'str' ? typed.value : giveUp();
      }
      if (keys.has(key)) giveUp();
      keys.add(key);
      const rest = line.slice(end + 1).trimStart();
      this.i++;
      const value = rest === '' ? this.nested(col, true) : this.inline(rest, col);
      items.push({ type: 'entry', key, value });
    }
    return { type: 'map', items };
  }

  private list(col: number): SopsList {
    const items: SopsValue[] = [];
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
      if (line.length === col + 1) {
        this.i++;
        items.push(this.nested(col, false));
        continue;
      }
      const start = indentOf(line.slice(col + 1)) + col + 1;
      const rest = line.slice(start);
      if (this.isDash(rest, 0) || this.keyEnd(line, start) >= 0) {
        // `- key: v` and `- - v` open a collection at the column after the dash: read the line as if
        // the dash were a space.
        this.lines[this.i] = ' '.repeat(start) + rest;
        items.push(this.block(start));
        continue;
      }
      this.i++;
      items.push(this.inline(rest, col));
    }
    return { type: 'list', items };
  }

  /** The value of `key:` or `-` with nothing after it: a deeper collection, or null. */
  private nested(col: number, sequenceAtSameIndent: boolean): SopsValue {
    this.skipEmpty();
    const line = this.lines[this.i];
    if (line === undefined) return { type: 'null' };
    const indent = indentOf(line);
    if (indent > col) return this.block(indent);
    if (indent === col && sequenceAtSameIndent && this.isDash(line, col)) return this.list(col);
    return { type: 'null' };
  }

  private block(col: number): SopsMap | SopsList {
    return this.isDash(this.lines[this.i]!, col) ? this.list(col) : this.map(col);
  }

  /** A value written on the same line, after `key: ` or `- `; `parent` is the indentation of that line's collection. */
  private inline(text: string, parent: number): SopsValue {
    switch (text[0]) {
      case '"':
      case "'": {
        const { value, end } = quoted(text, 0);
        return end === text.length ? { type: 'str', value } : giveUp();
      }
      case '|':
        return { type: 'str', value: this.literal(text, parent) };
      case '{':
        return text === '{}' ? { type: 'map', items: [] } : giveUp();
      case '[':
        return text === '[]' ? { type: 'list', items: [] } : giveUp();
      default:
        return plainValue(text);
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
      if (indentOf(line) < col) break;
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
  if (src.includes('#') && COMMENT.test(src)) return undefined;
  try {
    return [new LayoutReader(src.slice(0, -1).split('\n')).read()];
  } catch (err) {
    if (err instanceof GiveUp) return undefined;
    throw err;
  }
}
