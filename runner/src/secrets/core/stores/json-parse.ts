// An order-keeping JSON reader (duplicates kept, int vs float as Go's sops tells them apart) into sops values.
import { SecretError } from '../../../shared/core/errors';
import type { SopsMap, SopsValue } from '../sops-tree';

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/** Parses JSON text; the top level must be an object. Errors give the line, never the text around it. */
export function parseJsonStore(text: string, file: string): SopsMap {
  let i = 0;
  const line = () => text.slice(0, i).split('\n').length;
  const fail = (why: string): never => {
    throw new SecretError(`${file}:${line()}: invalid JSON: ${why}`, { hint: 'fix the JSON syntax' });
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const expect = (c: string) => {
    if (text[i] !== c) fail(`expected "${c}"`);
    i++;
  };
  const string = (): string => {
    expect('"');
    let out = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) return fail('unterminated string');
      if (c === '"') break;
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else fail('bad escape');
      } else {
        if (c.charCodeAt(0) < 0x20) fail('control character in string');
        out += c;
        i++;
      }
    }
    i++;
    return out;
  };
  const value = (): SopsValue => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const items: SopsMap['items'] = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { type: 'map', items };
      }
      for (;;) {
        ws();
        const key = string();
        ws();
        expect(':');
        items.push({ type: 'entry', key, value: value() });
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return { type: 'map', items };
        } else fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const items: SopsValue[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { type: 'list', items };
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return { type: 'list', items };
        } else fail('expected "," or "]"');
      }
    }
    if (c === '"') return { type: 'str', value: string() };
    for (const [word, v] of [['true', { type: 'bool', value: true }], ['false', { type: 'bool', value: false }], ['null', { type: 'null' }]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail('unexpected character');
    i += m[0].length;
    if (!m[2] && !m[3]) {
      const n = BigInt(m[0]);
      if (n <= INT64_MAX && n >= INT64_MIN) return { type: 'int', value: n.toString() };
    }
    return { type: 'float', value: Number(m[0]) };
  };
  ws();
  if (text[i] !== '{') fail('the top level must be an object');
  const root = value() as SopsMap;
  ws();
  if (i < text.length) fail('unexpected text after the top-level object');
  return root;
}
