// One-line scalars for the sops-layout YAML reader: plain (typed as yaml.v3 does) and quoted; anything odd gives up.
import type { SopsScalar } from '../sops-tree';
import { resolvePlainScalar } from './yaml-scalar';

/** Thrown to make the layout reader give up (the full reader then reads the file); never leaves the reader. */
export class LayoutGiveUp extends Error {}

export const giveUp = (): never => {
  throw new LayoutGiveUp();
};

/** Characters that cannot start a plain scalar here (`-` is checked apart: `-5` is plain). */
const INDICATORS = new Set('?:,[]{}#&*!|>\'"%@`');

function isPlain(text: string): boolean {
  const c = text[0];
  if (c === undefined || INDICATORS.has(c)) return false;
  if (c === '-' && (text.length === 1 || text[1] === ' ')) return false;
  return !text.includes(': ') && !text.includes(' #') && !text.endsWith(':') && !text.endsWith(' ');
}

/** A plain scalar (the whole of `text`) with its yaml.v3 type. */
export function parseLayoutPlain(text: string): SopsScalar {
  if (!isPlain(text)) giveUp();
  try {
    return resolvePlainScalar(text);
  } catch {
    // Out-of-range ints and the like: the full reader reports them with their line.
    return giveUp();
  }
}

/** A quoted scalar at `from` in `line` (no escapes, one line): its value and the index just after its closing quote. */
export function parseLayoutQuoted(line: string, from: number): { value: string; end: number } {
  if (line[from] === '"') {
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
