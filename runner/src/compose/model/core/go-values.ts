// Go value formats compose's JSON output uses: time.Duration, go-units byte sizes, float32, and go-shellwords command splitting.
import { unsupported } from './model-tree';

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9, d: 86400e9, w: 604800e9 };

/** xhit/go-str2duration ParseDuration (Go's time.ParseDuration plus `d` and `w`), in nanoseconds. */
export function parseGoDuration(text: string, where: string): number {
  const fail = (): never => unsupported(`duration "${text}": compose reports or reads it differently`, where);
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') fail();
  let total = 0;
  const re = /^([0-9]*)(?:\.([0-9]*))?(ns|us|µs|μs|ms|s|m|h|d|w)/u;
  while (s !== '') {
    const m = re.exec(s);
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) return fail();
    const unit = UNIT_NS[m[3]!]!;
    const whole = Number(m[1] || '0');
    const frac = m[2] ? Number(`0.${m[2]}`) : 0;
    total += Math.round(whole * unit + frac * unit);
    s = s.slice(m[0].length);
  }
  if (!Number.isSafeInteger(total)) fail();
  return sign * total;
}

/** Go time.Duration.String(): `1h2m3.5s`, `1m30s`, `500ms`, `0s`. */
export function formatGoDuration(ns: number): string {
  if (ns === 0) return '0s';
  const negative = ns < 0;
  let u = Math.abs(ns);
  let out: string;
  if (u < 1e9) {
    const [unit, size] = u < 1e3 ? ['ns', 1] : u < 1e6 ? ['µs', 1e3] : ['ms', 1e6];
    out = `${trimFraction(u, size as number)}${unit}`;
  } else {
    const hours = Math.floor(u / 3600e9);
    u -= hours * 3600e9;
    const minutes = Math.floor(u / 60e9);
    u -= minutes * 60e9;
    out = `${hours > 0 ? `${hours}h` : ''}${hours > 0 || minutes > 0 ? `${minutes}m` : ''}${trimFraction(u, 1e9)}s`;
  }
  return negative ? `-${out}` : out;
}

function trimFraction(value: number, unit: number): string {
  const whole = Math.floor(value / unit);
  const rest = value - whole * unit;
  if (rest === 0) return String(whole);
  const digits = String(unit).length - 1;
  return `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
}

const BYTE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** docker/go-units RAMInBytes (binary units, `b`/`i` suffixes ignored), as compose's UnitBytes reads a string. */
export function parseRamInBytes(text: string, where: string): number {
  const m = /^(\d+(?:\.\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(text);
  if (!m) return unsupported(`size "${text}": compose reports it`, where);
  const value = Math.trunc(Number(m[1]) * BYTE_UNITS[(m[2] ?? '').toLowerCase()]!);
  if (!Number.isSafeInteger(value)) return unsupported(`size "${text}" is too large to reproduce`, where);
  return value;
}

/** The shortest decimal that reads back as the same float32 (Go's json for a float32 field). */
export function formatFloat32(value: number): number {
  const f = Math.fround(value);
  for (let precision = 1; precision <= 9; precision++) {
    const candidate = Number(f.toPrecision(precision));
    if (Math.fround(candidate) === f) return candidate;
  }
  return f;
}

/**
 * mattn/go-shellwords Parse with compose's settings (no env, no backticks): blanks split words, quotes group,
 * a backslash escapes the next character outside single quotes, `$` and backticks are plain characters.
 * An unquoted operator (`;&|<>`) ends go-shellwords' parse early (`a && b` is ["a"]): not reproduced.
 */
export function splitShellWords(line: string, where: string): string[] {
  const args: string[] = [];
  let buf = '';
  let got = false;
  let escaped = false;
  let single = false;
  let double = false;
  for (const ch of line) {
    if (escaped) {
      buf += ch;
      escaped = false;
      got = true;
      continue;
    }
    if (ch === '\\') {
      if (single) buf += ch;
      else escaped = true;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      if (single || double) buf += ch;
      else if (got) {
        args.push(buf);
        buf = '';
        got = false;
      }
      continue;
    }
    if (ch === '"' && !single) {
      if (double) got = true;
      double = !double;
      continue;
    }
    if (ch === "'" && !double) {
      if (single) got = true;
      single = !single;
      continue;
    }
    if (';&|<>'.includes(ch) && !single && !double) unsupported(`command "${line}" (shell operators stop go-shellwords)`, where);
    got = true;
    buf += ch;
  }
  if (escaped || single || double) unsupported(`command "${line}": unterminated quote or escape`, where);
  if (got) args.push(buf);
  return args;
}
