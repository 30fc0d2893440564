// How yaml.v3 writes a string: plain, 'single', "double" (with its escapes) or a | literal block.
import { resolvesToNonString } from './yaml-scalar';

const OLD_BOOL = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
/** A letter, digit or `_`, then printable ASCII other than space and `:`. */
const NOTHING_TO_ANALYZE = /^[A-Za-z0-9_][!-9;-~]*$/;

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

interface Analysis {
  blockPlain: boolean;
  single: boolean;
  block: boolean;
}

function isPrintable(cp: number): boolean {
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || cp === 0x85 || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) || cp >= 0x10000;
}

const isBreak = (c: string | undefined) => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlankz = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || isBreak(c);

/** libyaml's analyze_scalar, reduced to what a block context needs. */
function analyze(value: string): Analysis {
  const chars = [...value];
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
  let breakSpace = false, spaceBreak = false, special = false, lineBreaks = false;
  let prevSpace = false, prevBreak = false, precededByWhitespace = true;
  chars.forEach((c, i) => {
    const last = i === chars.length - 1;
    const followedByWhitespace = isBlankz(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) blockIndicators = true;
    } else {
      if (c === ':' && followedByWhitespace) blockIndicators = true;
      if (c === '#' && precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(c.codePointAt(0)!) || c === '\ufeff') special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevBreak = true;
      prevSpace = false;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWhitespace = isBlankz(c);
  });
  let blockPlain = true, single = true, block = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false;
  if (trailingSpace) block = false;
  if (breakSpace) blockPlain = single = false;
  if (spaceBreak || special) blockPlain = single = block = false;
  if (lineBreaks) blockPlain = false;
  if (blockIndicators) blockPlain = false;
  return { blockPlain, single, block };
}

/** Whether the string reads back as itself when written plain (yaml.v3 also avoids YAML 1.1 bools and base-60 floats). */
function canBePlain(value: string): boolean {
  return value !== '' && !resolvesToNonString(value) && !OLD_BOOL.has(value) && !BASE60_FLOAT.test(value);
}

/** The style yaml.v3 (as sops drives it) picks for a string value; `simpleKey` for mapping keys. */
export function selectStringStyle(value: string, simpleKey = false): ScalarStyle {
  // analyze() finds nothing to flag in these (no space, break, indicator or final ':'), so only typing decides.
  if (NOTHING_TO_ANALYZE.test(value)) return canBePlain(value) ? 'plain' : 'double';
  const a = analyze(value);
  if (value.includes('\n') && !simpleKey) return a.block ? 'literal' : 'double';
  if (!canBePlain(value) || value.includes('\n')) return 'double';
  if (a.blockPlain) return 'plain';
  return a.single ? 'single' : 'double';
}

const NAMED: Record<string, string> = {
  '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e',
  '"': '"', '\\': '\\', '\u0085': 'N', '\u00a0': '_', '\u2028': 'L', '\u2029': 'P',
};

/** A double-quoted scalar with libyaml's escapes. */
export function doubleQuote(value: string): string {
  let out = '"';
  for (const c of value) {
    const cp = c.codePointAt(0)!;
    if (c === '"' || c === '\\' || !isPrintable(cp) || isBreak(c) || cp === 0xfeff) {
      const hex = cp.toString(16).toUpperCase();
      out += NAMED[c] !== undefined ? `\\${NAMED[c]}` : cp <= 0xff ? `\\x${hex.padStart(2, '0')}` : cp <= 0xffff ? `\\u${hex.padStart(4, '0')}` : `\\U${hex.padStart(8, '0')}`;
    } else out += c;
  }
  return `${out}"`;
}

export function singleQuote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `|`, `|-` or `|+`, with an indentation digit when the text starts with a space or a break. */
export function literalHeader(value: string, indent: number): string {
  const indentHint = value.startsWith(' ') || isBreak(value[0]) ? String(indent) : '';
  let chomp = '';
  if (!value.endsWith('\n')) chomp = '-';
  else if (value.length === 1 || isBreak(value[value.length - 2])) chomp = '+';
  return `|${indentHint}${chomp}`;
}
