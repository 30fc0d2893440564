// yaml.v3's typing of scalars (its `resolve`), which decides the sops `type:` tag and the MAC bytes of YAML values.
import { formatTimeParts } from '../rfc3339';
import type { SopsScalar } from '../sops-tree';

const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_DECIMAL_FLOAT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

const MAY_TYPE = new Set('~nNtTfF.+-0123456789');

export class YamlScalarError extends Error {}

/** Go strconv.ParseInt(s, 0, 64) after `_` removal: sign, 0x/0o/0b prefixes, a bare leading 0 is octal. */
function parseGoIntBase0(text: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!m) return undefined;
  const [, sign, body] = m as unknown as [string, string, string];
  let n: bigint;
  if (/^0[xXoObB]/.test(body)) n = BigInt(body.toLowerCase());
  else if (body.length > 1 && body.startsWith('0')) n = BigInt(`0o${body.slice(1)}`);
  else n = BigInt(body);
  return sign === '-' ? -n : n;
}

const TIMESTAMP_T = /^(\d{4})-(\d{1,2})-(\d{1,2})[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;
const TIMESTAMP_SPACE = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d+))?$/;
const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** yaml.v3's timestamp layouts, as RFC3339Nano text. */
export function parseYamlTimestamp(text: string): string | undefined {
  let m = TIMESTAMP_T.exec(text);
  if (m) return formatTimeParts(m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7], m[8]!);
  m = TIMESTAMP_SPACE.exec(text);
  if (m) return formatTimeParts(m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7], 'Z');
  m = DATE.exec(text);
  if (m) return formatTimeParts(m[1]!, m[2]!, m[3]!, '0', '0', '0', undefined, 'Z');
  return undefined;
}

function intScalar(n: bigint): SopsScalar {
  if (n > INT64_MAX || n < INT64_MIN) throw new YamlScalarError('integer out of the int64 range');
  return { type: 'int', value: n.toString() };
}

/** Types a plain (unquoted, untagged) scalar the way yaml.v3 does. */
export function resolvePlainScalar(text: string): SopsScalar {
  // Every non-string form starts with one of these characters (null, ~, bool, .nan/.inf, numbers, times).
  if (text !== '' && !MAY_TYPE.has(text[0]!)) return { type: 'str', value: text };
  if (text === '' || text === '~' || text === 'null' || text === 'Null' || text === 'NULL') return { type: 'null' };
  if (/^(true|True|TRUE)$/.test(text)) return { type: 'bool', value: true };
  if (/^(false|False|FALSE)$/.test(text)) return { type: 'bool', value: false };
  if (/^(\.nan|\.NaN|\.NAN)$/.test(text)) return { type: 'float', value: NaN };
  if (/^\+?(\.inf|\.Inf|\.INF)$/.test(text)) return { type: 'float', value: Infinity };
  if (/^-(\.inf|\.Inf|\.INF)$/.test(text)) return { type: 'float', value: -Infinity };
  const c = text[0]!;
  if (c === '.') {
    return GO_DECIMAL_FLOAT.test(text) ? { type: 'float', value: Number(text) } : { type: 'str', value: text };
  }
  if (/[0-9+-]/.test(c)) {
    const t = parseYamlTimestamp(text);
    if (t !== undefined) return { type: 'time', value: t };
    const plain = text.replace(/_/g, '');
    const n = parseGoIntBase0(plain);
    if (n !== undefined) return intScalar(n);
    if (YAML_FLOAT.test(plain)) return { type: 'float', value: Number(plain) };
  }
  return { type: 'str', value: text };
}

/** Types a scalar with an explicit tag (`!!str 1`, `!!int "42"`); unknown tags resolve as plain. */
export function resolveTaggedScalar(tag: string, text: string): SopsScalar {
  const short = tag.replace(/^tag:yaml\.org,2002:/, '!!');
  switch (short) {
    case '!!str': return { type: 'str', value: text };
    case '!!binary': return { type: 'str', value: Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('latin1') };
    case '!!null': return { type: 'null' };
    default: {
      const r = resolvePlainScalar(text);
      const want = { '!!int': 'int', '!!float': 'float', '!!bool': 'bool', '!!timestamp': 'time' }[short];
      if (want === 'float' && r.type === 'int') return { type: 'float', value: Number(r.value) };
      if (want && r.type !== want) throw new YamlScalarError(`cannot decode "${text.slice(0, 20)}" as ${short}`);
      return r;
    }
  }
}

/** True when a string would read back as a non-string plain scalar (so the emitter must quote it). */
export function resolvesToNonString(text: string): boolean {
  try {
    return resolvePlainScalar(text).type !== 'str';
  } catch {
    return true;
  }
}
