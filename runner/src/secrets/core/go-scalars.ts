// Go's text forms of scalars (strconv), which sops uses for plaintext, the MAC and YAML/JSON output.

/** Shortest round-trip digits and decimal point position of a finite float (digits "15", dp -6 for 1.5e-7). */
function shortestDigits(value: number): { digits: string; dp: number } {
  const [mantissa, exponent] = Math.abs(value).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  return { digits, dp: Number(exponent) + 1 };
}

function special(value: number): string | undefined {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return undefined;
}

function sign(value: number): string {
  return value < 0 || Object.is(value, -0) ? '-' : '';
}

/**
 * strconv.FormatFloat(v, 'f', -1, 64): shortest digits, never an exponent.
 * @example formatGoFloatF(1.5e-7) // '0.00000015'
 */
export function formatGoFloatF(value: number): string {
  const s = special(value);
  if (s) return s;
  if (value === 0) return `${sign(value)}0`;
  const { digits, dp } = shortestDigits(value);
  let body: string;
  if (dp <= 0) body = `0.${'0'.repeat(-dp)}${digits}`;
  else if (dp >= digits.length) body = digits + '0'.repeat(dp - digits.length);
  else body = `${digits.slice(0, dp)}.${digits.slice(dp)}`;
  return sign(value) + body;
}

/**
 * strconv.FormatFloat(v, 'g', -1, 64), as yaml.v3 prints floats: %e when the exponent is < -4 or >= 6.
 * @example formatGoFloatG(1234568000) // '1.234568e+09'
 */
export function formatGoFloatG(value: number): string {
  const s = special(value);
  if (s) return s;
  if (value === 0) return `${sign(value)}0`;
  const { digits, dp } = shortestDigits(value);
  const exp = dp - 1;
  if (exp < -4 || exp >= 6) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const abs = Math.abs(exp);
    return `${sign(value)}${digits[0]}${frac}e${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
  }
  return formatGoFloatF(value);
}

/** Go encoding/json's float form (ES number form, which matches it for finite values). */
export function formatGoJsonFloat(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

const GO_FLOAT = /^[+-]?(?:(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][+-]?\d+)?|\d+\.|inf|infinity|nan)$/i;

/** strconv.ParseFloat(s, 64), or undefined when Go would reject it. */
export function parseGoFloat(text: string): number | undefined {
  if (!GO_FLOAT.test(text)) return undefined;
  const lower = text.toLowerCase().replace(/_/g, '');
  if (/nan$/.test(lower)) return NaN;
  if (/inf(inity)?$/.test(lower)) return lower.startsWith('-') ? -Infinity : Infinity;
  const n = Number(lower);
  return Number.isNaN(n) ? undefined : n;
}

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** strconv.ParseBool. */
export function parseGoBool(text: string): boolean | undefined {
  if (GO_TRUE.has(text)) return true;
  if (GO_FALSE.has(text)) return false;
  return undefined;
}

/** strconv.Atoi on 64-bit: decimal with an optional sign, within int64; returns the canonical decimal. */
export function parseGoInt(text: string): string | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const n = BigInt(text);
  if (n > 9223372036854775807n || n < -9223372036854775808n) return undefined;
  return n.toString();
}

/** Go's %t for sops: `True` / `False` (sops capitalises booleans in plaintext and the MAC). */
export function formatSopsBool(value: boolean): string {
  return value ? 'True' : 'False';
}
