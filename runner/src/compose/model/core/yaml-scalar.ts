// How gopkg.in/yaml.v3 (what compose marshals its YAML with) writes a string, and in which order it sorts a map's keys.
import { unsupported } from './model-tree';

// yaml.v3 resolve.go: a plain scalar read back as another type than a string must be quoted. (`<<` is in its map
// too, but only looked up for a first character in its hint table, which `<` is not.)
const RESOLVE_MAP = new Set([
  '', '~', 'null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
]);
// encode.go isOldBool: YAML 1.1 booleans, quoted so older parsers do not read them as booleans.
const OLD_BOOL = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF']);
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
// strconv.ParseInt/ParseUint with base 0 (underscores already removed), and the 0b / 0o forms resolve.go adds.
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*|0[bB][01]+)$/;
// parseTimestamp: time.Parse with "2006-1-2" (then `T`, `t` or ` ` and a time) on what starts with four digits and a dash.
const DATE_START = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(.*)$/;

/** True when yaml.v3 would read the plain scalar `s` as something other than a string (resolve.go). */
function resolvesToOtherThanString(s: string, where: string): boolean {
  if (RESOLVE_MAP.has(s)) return true;
  const first = s[0]!;
  if (first === '.') return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s);
  if (!/[-+0-9]/.test(first)) return false;
  if (isTimestamp(s, where)) return true;
  const plain = s.replaceAll('_', '');
  return GO_INT.test(plain) || YAML_STYLE_FLOAT.test(plain) || /^-?0[bB][01]+$/.test(plain) || /^-?0[oO][0-7]+$/.test(plain);
}

/**
 * A date alone (`2024-1-15`, a valid day) reads as a timestamp; one followed by a time is not reproduced; anything
 * else that starts with four digits and a dash (`8000-8010`, a port range) is not a date to time.Parse.
 */
function isTimestamp(s: string, where: string): boolean {
  const date = DATE_START.exec(s);
  if (date === null) return false;
  const [year, month, day, rest] = [Number(date[1]), Number(date[2]), Number(date[3]), date[4]!];
  const valid = month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (!valid) return false;
  if (rest === '') return true;
  if (/^[Tt ]/.test(rest)) return unsupported('a text that may read as a YAML timestamp (its YAML form is left to compose)', where);
  return false;
}

interface Analysis {
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
}

/** libyaml's yaml_emitter_analyze_scalar (emitterc.go), for printable ASCII text without line breaks. */
function analyze(value: string): Analysis {
  if (value.length === 0) return { blockPlainAllowed: true, singleQuotedAllowed: true };
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let leadingSpace = false;
  let trailingSpace = false;
  let precededByWhitespace = true;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    const followedByWhitespace = i + 1 >= value.length || value[i + 1] === ' ';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) blockIndicators = true;
    } else if (c === ':' && followedByWhitespace) blockIndicators = true;
    else if (c === '#' && precededByWhitespace) blockIndicators = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === value.length - 1) trailingSpace = true;
    }
    precededByWhitespace = c === ' ';
  }
  return { blockPlainAllowed: !(leadingSpace || trailingSpace || blockIndicators), singleQuotedAllowed: true };
}

/**
 * A string as yaml.v3 writes it in block context (a mapping value, a key or a list item): plain when it reads back
 * as the same string, else single-quoted, else double-quoted. Only printable ASCII on one line is reproduced;
 * anything else (line breaks, tabs, other characters) is left to compose.
 * @example yamlString('8080') // '"8080"'
 * @example yamlString('a: b') // "'a: b'"
 */
export function yamlString(s: string, where: string): string {
  if (!/^[\x20-\x7e]*$/.test(s)) return unsupported('a text with a line break, a tab or a non-ASCII character (its YAML form is left to compose)', where);
  if (resolvesToOtherThanString(s, where) || BASE60_FLOAT.test(s) || OLD_BOOL.has(s)) return doubleQuoted(s);
  const analysis = analyze(s);
  if (analysis.blockPlainAllowed && s.length > 0) return s;
  return analysis.singleQuotedAllowed ? `'${s.replaceAll("'", "''")}'` : doubleQuoted(s);
}

function doubleQuoted(s: string): string {
  return `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isLetter = (c: string): boolean => /\p{L}/u.test(c);

/**
 * yaml.v3's keyList.Less (sorter.go): the order it prints a map's keys in. Letters sort before other characters
 * and runs of digits compare as numbers, so it differs from a byte sort (`ab` < `a_b`, `a2` < `a10`).
 */
export function compareYamlKeys(a: string, b: string): number {
  return yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0;
}

function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  let digits = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) {
      digits = isDigit(ar[i]!);
      continue;
    }
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return digits ? al : bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}
