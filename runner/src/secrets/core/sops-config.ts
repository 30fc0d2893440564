// `.sops.yaml`: creation rules (first matching path_regex wins) giving age recipients, key groups and the crypt rule.
import { RE2JS } from 're2js';
import { parse } from 'yaml';
import { SecretError } from '../../shared/core/errors';
import { CRYPT_RULE_NAMES, type CryptRule } from './crypt-rules';

export interface CreationRule {
  pathRegex: string | undefined;
  /** Age recipients per key group (one group unless key_groups is used). */
  ageGroups: string[][];
  shamirThreshold: number;
  cryptRule: CryptRule | undefined;
  macOnlyEncrypted: boolean;
  /** Non-age key types named by the rule (Harbor cannot wrap for them). */
  otherKeyTypes: string[];
}

export interface SopsConfig {
  file: string;
  rules: CreationRule[];
  yamlIndent: number | undefined;
  jsonIndent: number | undefined;
}

function ageList(v: unknown): string[] {
  const items = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  return items.flatMap((i) => String(i).split(',')).map((s) => s.trim()).filter((s) => s !== '');
}

const OTHER_KEYS = ['pgp', 'kms', 'gcp_kms', 'azure_keyvault', 'hc_vault_transit_uri', 'hckms', 'hc_vault'];

/** Parses `.sops.yaml` text; `file` prefixes errors with the dotted path of the bad field. */
export function parseSopsConfig(text: string, file: string): SopsConfig {
  let doc: unknown;
  try {
    doc = parse(text) ?? {};
  } catch (err) {
    throw new SecretError(`${file}: invalid YAML: ${(err as Error).message.split('\n')[0]}`, { hint: 'fix the YAML syntax of .sops.yaml' });
  }
  const root = (doc && typeof doc === 'object' ? doc : {}) as Record<string, unknown>;
  const rawRules = root.creation_rules ?? [];
  if (!Array.isArray(rawRules)) throw new SecretError(`${file}: creation_rules must be a list`, { hint: 'see docs/Harbor-Secrets.md for an example' });
  const rules = rawRules.map((raw, i): CreationRule => {
    const at = `${file}: creation_rules[${i}]`;
    const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const set = CRYPT_RULE_NAMES.filter((n) => typeof r[n] === 'string' && r[n] !== '');
    if (set.length > 1) throw new SecretError(`${at}: sets ${set.join(' and ')}; only one crypt rule may be set`, { hint: 'keep one of them' });
    const pathRegex = r.path_regex === undefined ? undefined : String(r.path_regex);
    if (pathRegex !== undefined) {
      try {
        RE2JS.compile(pathRegex);
      } catch (err) {
        throw new SecretError(`${at}.path_regex: invalid regular expression: ${(err as Error).message}`, { hint: 'path_regex uses Go RE2 syntax' });
      }
    }
    const groups = Array.isArray(r.key_groups)
      ? r.key_groups.map((g) => [...new Set(ageList((g as Record<string, unknown>)?.age))])
      : [ageList(r.age)];
    const others = OTHER_KEYS.filter((k) => r[k] !== undefined && ageList(r[k]).length > 0);
    if (Array.isArray(r.key_groups)) for (const g of r.key_groups) for (const k of OTHER_KEYS) if ((g as Record<string, unknown>)?.[k]) others.push(k);
    const name = set[0];
    return {
      pathRegex,
      ageGroups: groups,
      shamirThreshold: Number(r.shamir_threshold ?? 0) || 0,
      cryptRule: name ? { name, value: String(r[name]) } : undefined,
      macOnlyEncrypted: r.mac_only_encrypted === true,
      otherKeyTypes: [...new Set(others)],
    };
  });
  const stores = (root.stores ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const indent = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return { file, rules, yamlIndent: indent(stores.yaml?.indent), jsonIndent: indent(stores.json?.indent) };
}

/** The first rule whose path_regex matches `relPath` (a rule without path_regex matches everything). */
export function selectCreationRule(config: SopsConfig, relPath: string): CreationRule | undefined {
  return config.rules.find((r) => r.pathRegex === undefined || RE2JS.compile(r.pathRegex).matcher(relPath).find());
}
