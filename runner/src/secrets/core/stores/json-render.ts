// Writes sops values as Go's encoding/json + json.Indent would (HTML-safe escapes, tab indent by default).
import { formatGoJsonFloat } from '../go-scalars';
import type { SopsMap, SopsValue } from '../sops-tree';

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** Go json.Marshal of a string: escapes `<`, `>`, `&`, U+2028 and U+2029 too. */
export function goJsonString(s: string): string {
  return `"${s.replace(/["\\\u0000-\u001f<>&\u2028\u2029]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

function scalar(v: SopsValue): string {
  switch (v.type) {
    case 'str': return goJsonString(v.value);
    case 'int': return v.value;
    case 'float': return formatGoJsonFloat(v.value);
    case 'bool': return v.value ? 'true' : 'false';
    case 'null': return 'null';
    case 'time': return goJsonString(v.value);
    case 'bytes': return goJsonString(Buffer.from(v.value).toString('base64'));
    default: return '';
  }
}

/** Renders a map as indented JSON (comments are dropped: JSON has none). `indent` defaults to a tab. */
export function renderJsonStore(root: SopsMap, indent = '\t'): string {
  const render = (v: SopsValue, depth: number): string => {
    const pad = indent.repeat(depth + 1);
    const close = indent.repeat(depth);
    if (v.type === 'map') {
      const entries = v.items.filter((i) => i.type === 'entry');
      if (entries.length === 0) return '{}';
      return `{\n${entries.map((e) => `${pad}${goJsonString(e.key)}: ${render(e.value, depth + 1)}`).join(',\n')}\n${close}}`;
    }
    if (v.type === 'list') {
      const items = v.items.filter((i): i is SopsValue => i.type !== 'comment');
      if (items.length === 0) return '[]';
      return `[\n${items.map((i) => `${pad}${render(i, depth + 1)}`).join(',\n')}\n${close}]`;
    }
    return scalar(v);
  };
  return `${render(root, 0)}\n`;
}
