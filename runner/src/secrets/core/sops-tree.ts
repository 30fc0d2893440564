// The in-memory shape of a sops document: ordered branches of typed scalars, maps, lists and comments.

/** A leaf. `int` and `time` keep their text so int64 values and time zones survive untouched. */
export type SopsScalar =
  | { type: 'str'; value: string }
  | { type: 'int'; value: string }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'time'; value: string }
  | { type: 'null' }
  | { type: 'bytes'; value: Uint8Array };

/** A comment line (text after `#`); `inline` when it followed a value on the same line. */
export interface SopsComment {
  type: 'comment';
  value: string;
  inline?: boolean;
}

export interface SopsEntry {
  type: 'entry';
  key: string;
  value: SopsValue;
}

export interface SopsMap {
  type: 'map';
  items: Array<SopsEntry | SopsComment>;
}

export interface SopsList {
  type: 'list';
  items: Array<SopsValue | SopsComment>;
}

export type SopsValue = SopsScalar | SopsMap | SopsList;

/** One branch per YAML document; every other store has exactly one. */
export type SopsBranches = SopsMap[];

export const str = (value: string): SopsScalar => ({ type: 'str', value });
export const entry = (key: string, value: SopsValue): SopsEntry => ({ type: 'entry', key, value });
export const map = (items: Array<SopsEntry | SopsComment>): SopsMap => ({ type: 'map', items });

/** The value under `key` in a map (first occurrence), if any. */
export function mapGet(m: SopsMap, key: string): SopsValue | undefined {
  for (const item of m.items) if (item.type === 'entry' && item.key === key) return item.value;
  return undefined;
}
