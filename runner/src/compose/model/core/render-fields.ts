// Converters from the canonical tree to the values compose prints for typed fields (compose-go types + mapstructure + encoding/json).
import { compareCodePoints } from '../../../shared/core/compare-code-points';
import { formatFloat32, formatGoDuration, parseGoDuration, parseRamInBytes } from './go-values';
import { goSprint, isMap, markStruct, unsupported, type ModelMap, type ModelNode } from './model-tree';

/** A field converter: the JSON value, or undefined when Go's `omitempty` drops it. */
export type Render = (value: ModelNode, where: string) => ModelNode | undefined;

export const str: Render = (v, w) => {
  if (typeof v !== 'string') {
    // mapstructure's cast hook turns an int into a string field's text.
    if (typeof v === 'number' && Number.isInteger(v)) return String(v);
    if (v === null) return undefined;
    return unsupported('a value that is not a string: compose reports it', w);
  }
  return v === '' ? undefined : v;
};

export const bool: Render = (v, w) => {
  if (v === null) return undefined;
  if (typeof v !== 'boolean') return unsupported('a value that is not a boolean: compose reports it', w);
  return v ? true : undefined;
};

/** A `*bool` field: false is printed too. */
export const boolPointer: Render = (v, w) => {
  if (v === null) return undefined;
  if (typeof v !== 'boolean') return unsupported('a value that is not a boolean: compose reports it', w);
  return v;
};

export const int: Render = (v, w) => {
  if (v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) return unsupported('a value that is not an integer: compose reports it', w);
  return v === 0 ? undefined : v;
};

export const intPointer: Render = (v, w) => {
  if (v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return unsupported('a value that is not a non-negative integer', w);
  return v;
};

export const float32: Render = (v, w) => {
  if (v === null) return undefined;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) return unsupported('a value that is not a number: compose reports it', w);
  return n === 0 ? undefined : formatFloat32(n);
};

/** `[]string`: strings, or integers (mapstructure's cast hook). */
export const strings: Render = (v, w) => {
  if (v === null) return undefined;
  if (!Array.isArray(v)) return unsupported('a value that is not a list: compose reports it', w);
  const out = v.map((item) => {
    if (typeof item === 'string') return item;
    if (typeof item === 'number' && Number.isInteger(item)) return String(item);
    return unsupported('a list item that is not a string', w);
  });
  return out.length === 0 ? undefined : out;
};

/** compose-go StringList: one string or a list of strings. */
export const stringList: Render = (v, w) => {
  if (v === null) return undefined;
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v) || v.some((item) => typeof item !== 'string')) return unsupported('neither a string nor a list of strings: compose reports it', w);
  return v.length === 0 ? undefined : v;
};

/** compose-go StringOrNumberList (expose). */
export const stringOrNumberList: Render = (v, w) => {
  if (v === null) return undefined;
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v)) return unsupported('neither a string nor a list: compose reports it', w);
  return v.length === 0 ? undefined : v.map((item) => goSprint(item, w));
};

/**
 * compose-go moves `x-*` keys of any nested mapping into an `#extensions` entry before decoding (processExtensions),
 * which prints oddly for maps (environment, labels, options): not reproduced.
 */
export function refuseExtensionKeys(v: ModelNode, w: string): void {
  if (isMap(v)) for (const key of Object.keys(v)) if (key.startsWith('x-')) unsupported(`the key "${key}" (compose treats x-* keys as extensions here)`, w);
}

/** compose-go Mapping / Labels: `key=value` list or mapping; values as text (null is ''). */
export const mapping: Render = (v, w) => {
  if (v === null) return undefined;
  refuseExtensionKeys(v, w);
  const out: Record<string, string> = {};
  if (Array.isArray(v)) {
    for (const item of v) {
      const text = goSprint(item, w);
      const at = text.indexOf('=');
      if (at < 0) out[text] = '';
      else out[text.slice(0, at)] = text.slice(at + 1);
    }
  } else if (isMap(v)) {
    for (const key of Object.keys(v)) out[key] = v[key] === null ? '' : goSprint(v[key]!, w);
  } else return unsupported('neither a list nor a mapping: compose reports it', w);
  return Object.keys(out).length === 0 ? undefined : sortKeys(out);
};

/** compose-go Options (logging options, driver_opts): a mapping whose values print as text. */
export const options: Render = (v, w) => {
  if (v === null) return undefined;
  if (!isMap(v)) return unsupported('options that are not a mapping: compose reports it', w);
  return mapping(v, w);
};

/** compose-go MappingWithEquals (environment, build args): a bare key is null. */
export function mappingWithEquals(v: ModelNode, w: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  if (v === null) return out;
  refuseExtensionKeys(v, w);
  if (Array.isArray(v)) {
    for (const item of v) {
      const text = goSprint(item, w);
      const at = text.indexOf('=');
      const key = at < 0 ? text : text.slice(0, at);
      if (key === '' || /\s$/u.test(key)) unsupported(`environment entry "${text}": compose reports it`, w);
      out[key] = at < 0 ? null : text.slice(at + 1);
    }
  } else if (isMap(v)) {
    for (const key of Object.keys(v)) out[key] = v[key] === null ? null : goSprint(v[key]!, w);
  } else unsupported('neither a list nor a mapping: compose reports it', w);
  return out;
}

export const duration: Render = (v, w) => {
  if (v === null) return undefined;
  return formatGoDuration(parseGoDuration(goSprint(v, w), w));
};

/** A non-pointer Duration field: zero is omitted. */
export const durationValue: Render = (v, w) => {
  const text = duration(v, w);
  return text === '0s' ? undefined : text;
};

/** compose-go UnitBytes: printed as a quoted integer; zero is omitted. */
export const unitBytes: Render = (v, w) => {
  if (v === null) return undefined;
  let n: number;
  if (typeof v === 'number' && Number.isInteger(v)) n = v;
  else if (typeof v === 'string') n = parseRamInBytes(v, w);
  else return unsupported('a size that is neither an integer nor a string', w);
  return n === 0 ? undefined : String(n);
};

/** A struct rendered field by field; any key not in `fields` is unsupported (never silently dropped). */
export function struct(fields: Record<string, Render>, extensions = true): Render {
  return (v, w) => {
    if (v === null) return undefined;
    if (!isMap(v)) return unsupported('a value that is not a mapping: compose reports it', w);
    return renderStruct(v, fields, w, extensions);
  };
}

export function renderStruct(v: ModelMap, fields: Record<string, Render>, w: string, extensions = true): ModelMap {
  const out: ModelMap = {};
  let dropped = false;
  for (const key of Object.keys(v)) {
    if (Object.hasOwn(fields, key)) continue;
    if (extensions && key.startsWith('x-')) {
      dropped = true;
      continue;
    }
    unsupported(`the field "${key}"`, w);
  }
  for (const key of Object.keys(fields)) {
    if (!Object.hasOwn(v, key)) continue;
    const rendered = fields[key]!(v[key]!, `${w}.${key}`);
    if (rendered !== undefined) out[key] = rendered;
  }
  return markStruct(out, dropped);
}

/** A map of named structs (networks of a service, top-level resources). */
export function namedMap(render: Render, keepNull = false): Render {
  return (v, w) => {
    if (v === null) return undefined;
    if (!isMap(v)) return unsupported('a value that is not a mapping: compose reports it', w);
    refuseExtensionKeys(v, w);
    const out: ModelMap = {};
    for (const key of Object.keys(v).sort(compareCodePoints)) {
      const rendered = render(v[key]!, `${w}.${key}`);
      out[key] = rendered === undefined ? (keepNull ? null : {}) : rendered;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  };
}

export function listOf(render: Render): Render {
  return (v, w) => {
    if (v === null) return undefined;
    if (!Array.isArray(v)) return unsupported('a value that is not a list: compose reports it', w);
    const out = v.map((item, i) => render(item, `${w}[${i}]`) ?? {});
    return out.length === 0 ? undefined : out;
  };
}

export function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort(compareCodePoints)) out[key] = record[key]!;
  return out;
}
