// The `sops` metadata block: parsed tolerantly from any store, rendered in sops 3.13's sorted layout.
import { SecretError } from '../../shared/core/errors';
import { CRYPT_RULE_NAMES, type CryptRule, type CryptRuleName } from './crypt-rules';
import { lastModifiedAad } from './rfc3339';
import { entry, map, str, type SopsEntry, type SopsMap, type SopsValue } from './sops-tree';

export interface AgeKeyEntry {
  recipient: string;
  enc: string;
}

/** One key group: its age keys, plus other key types (pgp, kms, …) kept verbatim and never required. */
export interface KeyGroup {
  age: AgeKeyEntry[];
  others: SopsEntry[];
}

export interface SopsMetadata {
  keyGroups: KeyGroup[];
  /** 0 when absent: every group is needed. */
  shamirThreshold: number;
  lastModified: string;
  mac: string;
  /** The rule stored in the file; undefined means sops's default `unencrypted_suffix: _unencrypted`. */
  cryptRule: CryptRule | undefined;
  macOnlyEncrypted: boolean;
  version: string;
}

export const DEFAULT_CRYPT_RULE: CryptRule = { name: 'unencrypted_suffix', value: '_unencrypted' };
export const SOPS_VERSION = '3.13.2';

/** The rule in force for a file: its stored rule, else the default suffix. */
export function effectiveCryptRule(meta: SopsMetadata): CryptRule {
  return meta.cryptRule ?? DEFAULT_CRYPT_RULE;
}

function text(v: SopsValue | undefined): string | undefined {
  if (!v) return undefined;
  switch (v.type) {
    case 'str': case 'int': case 'time': return v.value;
    case 'bool': return v.value ? 'true' : 'false';
    case 'float': return String(v.value);
    default: return undefined;
  }
}

function fields(m: SopsMap): Map<string, SopsValue> {
  const out = new Map<string, SopsValue>();
  for (const item of m.items) if (item.type === 'entry') out.set(item.key, item.value);
  return out;
}

function listOf(v: SopsValue | undefined): SopsValue[] {
  return v?.type === 'list' ? v.items.filter((i): i is SopsValue => i.type !== 'comment') : [];
}

function parseGroup(group: Map<string, SopsValue>, where: string): KeyGroup {
  const age = listOf(group.get('age')).map((item, i) => {
    const f = item.type === 'map' ? fields(item) : new Map<string, SopsValue>();
    const enc = text(f.get('enc'));
    if (!enc) throw new SecretError(`${where}: sops.age[${i}] has no "enc" field`, { hint: 'the file is damaged; restore it from version control' });
    return { recipient: text(f.get('recipient')) ?? '', enc };
  });
  const others: SopsEntry[] = [];
  for (const [k, v] of group) if (k !== 'age' && listOf(v).length > 0) others.push(entry(k, v));
  return { age, others };
}

/** Reads the nested metadata map; `where` (the file) prefixes every error. */
export function parseMetadata(m: SopsMap, where: string): SopsMetadata {
  const f = fields(m);
  const hint = 'the sops metadata is damaged; restore the file from version control';
  const keyGroups = f.has('key_groups')
    ? listOf(f.get('key_groups')).map((g, i) => parseGroup(g.type === 'map' ? fields(g) : new Map(), `${where}: sops.key_groups[${i}]`))
    : [parseGroup(f, where)];
  const rules = CRYPT_RULE_NAMES.filter((name) => (text(f.get(name)) ?? '') !== '');
  if (rules.length > 1) {
    throw new SecretError(`${where}: sops metadata sets ${rules.join(' and ')}; only one crypt rule may be set`, { hint });
  }
  const ruleName: CryptRuleName | undefined = rules[0];
  const lastModified = text(f.get('lastmodified')) ?? '';
  if (lastModified === '') throw new SecretError(`${where}: the sops metadata is incomplete (no sops.lastmodified; was the file truncated?)`, { hint });
  if (lastModifiedAad(lastModified) === undefined) {
    throw new SecretError(`${where}: sops.lastmodified "${lastModified.slice(0, 40)}" is not an RFC 3339 time`, { hint });
  }
  const version = text(f.get('version')) ?? '';
  if (!/^\d+\.\d+(\.\d+)?([-+].*)?$/.test(version)) {
    throw new SecretError(`${where}: sops.version "${version.slice(0, 40)}" is not a version number`, { hint });
  }
  const threshold = Number(text(f.get('shamir_threshold')) ?? '0');
  if (!Number.isInteger(threshold) || threshold < 0) throw new SecretError(`${where}: sops.shamir_threshold must be a whole number`, { hint });
  return {
    keyGroups,
    shamirThreshold: threshold,
    lastModified,
    mac: text(f.get('mac')) ?? '',
    cryptRule: ruleName ? { name: ruleName, value: text(f.get(ruleName))! } : undefined,
    macOnlyEncrypted: text(f.get('mac_only_encrypted')) === 'true',
    version,
  };
}

function sortedMap(entries: SopsEntry[]): SopsMap {
  return map([...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
}

/** Sorts map keys at every level, as sops 3.13 writes metadata. */
function sortDeep(v: SopsValue): SopsValue {
  if (v.type === 'map') return sortedMap(v.items.filter((i): i is SopsEntry => i.type === 'entry').map((e) => entry(e.key, sortDeep(e.value))));
  if (v.type === 'list') return { type: 'list', items: v.items.map((i) => (i.type === 'comment' ? i : sortDeep(i))) };
  return v;
}

function renderGroup(group: KeyGroup): SopsEntry[] {
  const out: SopsEntry[] = group.others.map((e) => entry(e.key, sortDeep(e.value)));
  if (group.age.length > 0) {
    out.push(entry('age', { type: 'list', items: group.age.map((a) => sortedMap([entry('enc', str(a.enc)), entry('recipient', str(a.recipient))])) }));
  }
  return out;
}

/** The metadata map in sops 3.13 layout: keys sorted, empty fields omitted. */
export function renderMetadata(meta: SopsMetadata): SopsMap {
  const out: SopsEntry[] = [];
  if (meta.keyGroups.length === 1) out.push(...renderGroup(meta.keyGroups[0]!));
  else {
    out.push(entry('key_groups', { type: 'list', items: meta.keyGroups.map((g) => sortedMap(renderGroup(g))) }));
    if (meta.shamirThreshold > 0) out.push(entry('shamir_threshold', { type: 'int', value: String(meta.shamirThreshold) }));
  }
  out.push(entry('lastmodified', str(meta.lastModified)), entry('mac', str(meta.mac)), entry('version', str(meta.version)));
  if (meta.cryptRule) out.push(entry(meta.cryptRule.name, str(meta.cryptRule.value)));
  if (meta.macOnlyEncrypted) out.push(entry('mac_only_encrypted', { type: 'bool', value: true }));
  return sortedMap(out);
}

/** Every age recipient the file's data key is wrapped for. */
export function selectRecipients(meta: SopsMetadata): string[] {
  return meta.keyGroups.flatMap((g) => g.age.map((a) => a.recipient)).filter((r) => r !== '');
}

