// Writes sops branches as YAML in the layout sops's yaml.v3 encoder produces (indent 4, literal blocks, comments as lines).
import { formatGoFloatG } from '../go-scalars';
import type { SopsComment, SopsList, SopsMap, SopsScalar, SopsValue } from '../sops-tree';
import { doubleQuote, literalHeader, selectStringStyle, singleQuote } from './yaml-scalar-style';

/** yaml.v3's indentation step: round up to the next multiple of the indent. */
const next = (indent: number, step: number) => step * Math.floor((indent + step) / step);
const PADS: string[] = [];
const pad = (n: number) => (PADS[n] ??= ' '.repeat(n));

/** Loops rather than callbacks in this file: a 1 MB file renders tens of thousands of values. */
function hasValues(items: ReadonlyArray<{ type: string }>): boolean {
  for (const item of items) if (item.type !== 'comment') return true;
  return false;
}

function floatText(v: number): string {
  if (Number.isNaN(v)) return '.nan';
  if (v === Infinity) return '.inf';
  if (v === -Infinity) return '-.inf';
  return formatGoFloatG(v);
}

function renderString(value: string, simpleKey: boolean): { inline: string; block?: string } {
  switch (selectStringStyle(value, simpleKey)) {
    case 'plain': return { inline: value };
    case 'single': return { inline: singleQuote(value) };
    case 'double': return { inline: doubleQuote(value) };
    case 'literal': return { inline: '', block: value };
  }
}

function renderScalar(v: SopsScalar): { inline: string; block?: string } {
  switch (v.type) {
    case 'str': return renderString(v.value, false);
    case 'int': case 'time': return { inline: v.value };
    case 'float': return { inline: floatText(v.value) };
    case 'bool': return { inline: v.value ? 'true' : 'false' };
    case 'null': return { inline: 'null' };
    case 'bytes': return { inline: `!!binary ${Buffer.from(v.value).toString('base64')}` };
  }
}

class YamlWriter {
  readonly lines: string[] = [];
  constructor(private readonly step: number) {}

  comment(c: SopsComment, indent: number): void {
    this.lines.push(`${pad(indent)}#${c.value}`);
  }

  /** Appends ` value` (or a literal block at `blockIndent`) to the last line. */
  scalar(v: SopsScalar, blockIndent: number): void {
    const r = renderScalar(v);
    if (r.block === undefined) {
      this.lines[this.lines.length - 1] += ` ${r.inline}`;
      return;
    }
    this.lines[this.lines.length - 1] += ` ${literalHeader(r.block, this.step)}`;
    const body = r.block.endsWith('\n') ? r.block.slice(0, -1) : r.block;
    for (const line of body.split('\n')) this.lines.push(line === '' ? '' : pad(blockIndent) + line);
  }

  /** A value after `key:` or `-`; `indent` is the enclosing collection's indent, `inSeq` for sequence items. */
  value(v: SopsValue, indent: number, inSeq: boolean): void {
    const childIndent = inSeq ? indent + 2 : next(indent, this.step);
    if (v.type === 'map' || v.type === 'list') {
      if (!hasValues(v.items)) {
        this.lines[this.lines.length - 1] += v.type === 'map' ? ' {}' : ' []';
        for (const c of v.items as SopsComment[]) this.comment(c, childIndent);
        return;
      }
      if (inSeq) {
        // The nested collection's first line continues after "- "; comments before it go above the dash.
        const sub = new YamlWriter(this.step);
        if (v.type === 'map') sub.map(v, childIndent);
        else sub.list(v, childIndent);
        const dash = this.lines.pop()!;
        let first = 0;
        while (sub.lines[first]!.trimStart().startsWith('#')) first++;
        for (const c of sub.lines.slice(0, first)) this.lines.push(pad(indent) + c.trimStart());
        this.lines.push(`${dash} ${sub.lines[first]!.slice(childIndent)}`, ...sub.lines.slice(first + 1));
        return;
      }
      if (v.type === 'map') this.map(v, childIndent);
      else this.list(v, childIndent);
      return;
    }
    this.scalar(v, childIndent);
  }

  map(m: SopsMap, indent: number): void {
    for (let i = 0; i < m.items.length; i++) {
      const item = m.items[i]!;
      if (item.type === 'comment') {
        const prev = m.items[i - 1];
        if (item.inline && prev?.type === 'entry' && !['map', 'list'].includes(prev.value.type) && !this.lines[this.lines.length - 1]!.endsWith('|')) {
          this.lines[this.lines.length - 1] += ` #${item.value}`;
        } else this.comment(item, indent);
        continue;
      }
      const key = renderString(item.key, true).inline;
      this.lines.push(`${pad(indent)}${key}:`);
      this.value(item.value, indent, false);
    }
  }

  list(l: SopsList, indent: number): void {
    for (const item of l.items) {
      if (item.type === 'comment') {
        this.comment(item, indent);
        continue;
      }
      this.lines.push(`${pad(indent)}-`);
      this.value(item, indent, true);
    }
  }
}

/** Renders each branch as one YAML document, separated by `---`. `indent` is sops's stores.yaml.indent (4). */
export function renderYamlStore(branches: readonly SopsMap[], indent = 4): string {
  return branches
    .map((branch) => {
      if (!branch.items.some((i) => i.type === 'entry')) {
        const w = new YamlWriter(indent);
        for (const c of branch.items) w.comment(c as SopsComment, 0);
        return `${[...w.lines, '{}'].join('\n')}\n`;
      }
      const w = new YamlWriter(indent);
      w.map(branch, 0);
      return `${w.lines.join('\n')}\n`;
    })
    .join('---\n');
}
