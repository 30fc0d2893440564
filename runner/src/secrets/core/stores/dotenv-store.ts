// The sops dotenv store: `KEY=value` lines, `#` comments, `\n` escapes, metadata as `sops_*` keys. Not Compose's dotenv.
import { SecretError } from '../../../shared/core/errors';
import type { SopsMap, SopsValue } from '../sops-tree';
import { scalarText } from './scalar-text';

/** Parses sops dotenv text: split on `\n` only, key = text before the first `=` (untrimmed). */
export function parseDotenvStore(text: string, file: string): SopsMap {
  const items: SopsMap['items'] = [];
  text.split('\n').forEach((line, i) => {
    if (line === '') return;
    if (line.startsWith('#')) {
      items.push({ type: 'comment', value: line.slice(1) });
      return;
    }
    const eq = line.indexOf('=');
    if (eq === -1) {
      throw new SecretError(`${file}:${i + 1}: invalid dotenv line (no "=")`, { hint: 'each line must be KEY=value or a # comment' });
    }
    items.push({ type: 'entry', key: line.slice(0, eq), value: { type: 'str', value: line.slice(eq + 1).replace(/\\n/g, '\n') } });
  });
  return { type: 'map', items };
}

function flatValue(v: SopsValue, key: string): string {
  if (v.type === 'map' || v.type === 'list') {
    throw new SecretError(`cannot write "${key}" to dotenv: its value is a ${v.type === 'map' ? 'mapping' : 'list'}, and dotenv holds only flat values`, {
      hint: 'use --output-type yaml or json, or flatten the value',
    });
  }
  return scalarText(v);
}

/** Renders one branch (plus flat metadata lines) as sops writes dotenv. */
export function renderDotenvStore(branch: SopsMap, metadata: ReadonlyArray<readonly [string, string]> = []): string {
  let out = '';
  for (const item of branch.items) {
    if (item.type === 'comment') out += `#${item.value}\n`;
    else out += `${item.key}=${flatValue(item.value, item.key).replace(/\n/g, '\\n')}\n`;
  }
  for (const [key, value] of metadata) out += `sops_${key}=${value.replace(/\n/g, '\\n')}\n`;
  return out;
}
