// The sops INI store (go-ini semantics): sections of string keys, `;`/`#` comments, go-ini's aligned pretty layout.
// Hand-written: no npm INI library reproduces go-ini's alignment, quoting (`"""`, backticks) and comment placement.
import { SecretError } from '../../../shared/core/errors';
import type { SopsComment, SopsEntry, SopsMap } from '../sops-tree';
import { scalarText } from './scalar-text';

const DEFAULT_SECTION = 'DEFAULT';

function unquote(raw: string, lines: string[], index: { i: number }): string {
  if (raw.startsWith('"""')) {
    let body = raw.slice(3);
    const close = body.indexOf('"""');
    if (close !== -1) return body.slice(0, close);
    // go-ini multi-line value: lines up to the closing """.
    for (;;) {
      index.i++;
      const next = lines[index.i];
      if (next === undefined) throw new Error('unterminated """ value');
      const end = next.indexOf('"""');
      if (end !== -1) return `${body}\n${next.slice(0, end)}`;
      body += `\n${next}`;
    }
  }
  if (raw.length >= 2 && ((raw.startsWith('"') && raw.endsWith('"')) || (raw.startsWith('`') && raw.endsWith('`')))) return raw.slice(1, -1);
  const cut = raw.search(/[#;]/);
  return (cut === -1 ? raw : raw.slice(0, cut)).trim();
}

/** Parses INI into one branch: section name → map of keys. Comments above a key follow it; above a section, open it. */
export function parseIniStore(text: string, file: string): SopsMap {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const sections: Array<{ name: string; items: Array<SopsEntry | SopsComment> }> = [];
  let current: { name: string; items: Array<SopsEntry | SopsComment> } | undefined;
  let pending: string[] = [];
  const index = { i: 0 };
  for (; index.i < lines.length; index.i++) {
    const line = lines[index.i]!.trim();
    if (line === '') continue;
    if (line.startsWith(';') || line.startsWith('#')) {
      pending.push(line.replace(/^[;#]+\s*/, ''));
      continue;
    }
    if (line.startsWith('[')) {
      const close = line.indexOf(']');
      if (close === -1) throw new SecretError(`${file}:${index.i + 1}: unclosed section header`, { hint: 'write sections as [name]' });
      current = { name: line.slice(1, close).trim(), items: pending.map((c) => ({ type: 'comment', value: c })) };
      pending = [];
      sections.push(current);
      continue;
    }
    const delim = line.search(/[=:]/);
    if (delim === -1) throw new SecretError(`${file}:${index.i + 1}: invalid INI line (no "=")`, { hint: 'each line must be key = value, [section] or a ; comment' });
    let key = line.slice(0, delim).trim();
    if (key.length >= 2 && /^[`"].*[`"]$/.test(key)) key = key.slice(1, -1);
    let value: string;
    try {
      value = unquote(line.slice(delim + 1).trim(), lines, index);
    } catch {
      throw new SecretError(`${file}:${index.i + 1}: unterminated """ value`, { hint: 'close the value with """' });
    }
    if (!current) {
      current = { name: DEFAULT_SECTION, items: [] };
      sections.push(current);
    }
    current.items.push({ type: 'entry', key, value: { type: 'str', value } });
    current.items.push(...pending.map((c): SopsComment => ({ type: 'comment', value: c })));
    pending = [];
  }
  return { type: 'map', items: sections.map((s) => ({ type: 'entry', key: s.name, value: { type: 'map', items: s.items } })) };
}

function quoteValue(v: string): string {
  if (/[\n`]/.test(v)) return `"""${v}"""`;
  if (/[#;]/.test(v)) return `\`${v}\``;
  if (v.trim() !== v) return `"${v}"`;
  return v;
}

function quoteKey(k: string): string {
  if (/["=:]/.test(k)) return `\`${k}\``;
  if (k.includes('`')) return `"""${k}"""`;
  return k;
}

function comment(text: string): string {
  return text.startsWith(';') || text.startsWith('#') ? text : `; ${text}`;
}

/** Renders sections in go-ini's pretty format; `metadata` becomes a final `[sops]` section. */
export function renderIniStore(branch: SopsMap, metadata: ReadonlyArray<readonly [string, string]> = []): string {
  const blocks: string[] = [];
  const write = (name: string, items: ReadonlyArray<SopsEntry | SopsComment>) => {
    const lines: string[] = [];
    const keys: Array<{ key: string; value: string; comments: string[] }> = [];
    const head: string[] = [];
    for (const item of items) {
      if (item.type === 'comment') (keys.length ? keys[keys.length - 1]!.comments : head).push(item.value);
      else {
        if (item.value.type === 'map' || item.value.type === 'list') {
          throw new SecretError(`cannot write "${name}.${item.key}" to INI: INI values must be flat`, { hint: 'use --output-type yaml or json' });
        }
        keys.push({ key: quoteKey(item.key), value: item.value.type === 'str' ? item.value.value : scalarText(item.value), comments: [] });
      }
    }
    lines.push(...head.map(comment), `[${name}]`);
    const width = Math.max(0, ...keys.map((k) => k.key.length));
    for (const k of keys) {
      lines.push(...k.comments.map(comment));
      lines.push(`${k.key.padEnd(width)} = ${quoteValue(k.value)}`);
    }
    blocks.push(`${lines.join('\n')}\n`);
  };
  for (const item of branch.items) {
    if (item.type === 'comment') continue;
    if (item.value.type !== 'map') {
      throw new SecretError(`cannot write "${item.key}" to INI: top-level values must be sections (mappings)`, { hint: 'use --output-type yaml or json' });
    }
    write(item.key, item.value.items);
  }
  if (metadata.length) write('sops', metadata.map(([k, v]) => ({ type: 'entry', key: k, value: { type: 'str', value: v.replace(/\n/g, '\\n') } })));
  return blocks.join('\n');
}
