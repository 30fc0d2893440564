// Encrypts and re-encrypts sops files: recipients from --age or .sops.yaml, new or kept data keys.
import { SecretError } from '../shared/core/errors';
import type { CryptRule } from './core/crypt-rules';
import { sealDocument } from './core/seal-document';
import { selectCreationRule } from './core/sops-config';
import { renderSopsDocument, stringEncodingFor } from './core/sops-document';
import type { SopsFormat } from './core/sops-format';
import { SOPS_VERSION, type KeyGroup, type SopsMetadata } from './core/sops-metadata';
import type { SopsBranches } from './core/sops-tree';
import { newDataKey, randomIv, utcNow, wrapDataKey } from './age-wrap';
import { configRelativePath, loadSopsConfig } from './sops-config-file';
import type { DecryptedSopsFile } from './sops-file';

export interface RecipientPlan {
  groups: string[][];
  threshold: number;
  cryptRule: CryptRule | undefined;
  macOnlyEncrypted: boolean;
  /** Where the recipients came from, for logs. */
  source: string;
}

/** `--age a,b` (or SOPS_AGE_RECIPIENTS) replaces the rule's keys; else the first matching `.sops.yaml` creation rule. */
export async function resolveRecipients(file: string, cwd: string, env: Readonly<Record<string, string | undefined>>, age?: string): Promise<RecipientPlan> {
  const config = await loadSopsConfig(cwd, env);
  const rule = config ? selectCreationRule(config, configRelativePath(config, file)) : undefined;
  const flag = age ?? env.SOPS_AGE_RECIPIENTS;
  const base = { threshold: rule?.shamirThreshold ?? 0, cryptRule: rule?.cryptRule, macOnlyEncrypted: rule?.macOnlyEncrypted ?? false };
  if (flag) {
    const list = flag.split(',').map((s) => s.trim()).filter((s) => s !== '');
    return { ...base, groups: [list], threshold: 0, source: age ? '--age' : 'SOPS_AGE_RECIPIENTS' };
  }
  if (!config) {
    throw new SecretError(`${file}: no recipients: pass --age age1…, or create a .sops.yaml with a creation rule`, {
      hint: 'see docs/Harbor-Secrets.md ("Team workflow") for a .sops.yaml example',
    });
  }
  if (!rule) {
    throw new SecretError(`${file}: no creation rule in ${config.file} matches this path`, { hint: 'add a rule whose path_regex matches it, or a catch-all rule last' });
  }
  if (rule.ageGroups.every((g) => g.length === 0)) {
    const others = rule.otherKeyTypes.length ? ` (it names ${rule.otherKeyTypes.join(', ')}, which Harbor cannot use)` : '';
    throw new SecretError(`${file}: the matching creation rule in ${config.file} lists no age recipients${others}`, { hint: 'add `age: age1…` to the rule' });
  }
  return { ...base, groups: rule.ageGroups, source: config.file };
}

/** Encrypts plaintext branches with a new data key for the plan's recipients. */
export async function encryptBranches(branches: SopsBranches, format: SopsFormat, plan: RecipientPlan): Promise<string> {
  const dataKey = newDataKey();
  const metadata: SopsMetadata = {
    keyGroups: await wrapDataKey(dataKey, plan.groups, plan.threshold),
    shamirThreshold: plan.groups.length > 1 ? plan.threshold : 0,
    lastModified: '',
    mac: '',
    cryptRule: plan.cryptRule,
    macOnlyEncrypted: plan.macOnlyEncrypted,
    version: SOPS_VERSION,
  };
  const doc = sealDocument(branches, dataKey, { metadata, now: utcNow(), randomIv, encoding: stringEncodingFor(format) });
  return renderSopsDocument(doc, format);
}

export interface ReencryptOptions {
  /** New key groups (rotate with changed recipients); the data key is re-wrapped for them. */
  groups?: string[][];
  threshold?: number;
  /** rotate: a fresh data key, so every ciphertext changes. */
  newKey?: boolean;
}

/** Re-encrypts edited branches of a decrypted file; unchanged values keep their ciphertext unless the key is new. */
export async function reencrypt(decrypted: DecryptedSopsFile, branches: SopsBranches, options: ReencryptOptions = {}): Promise<string> {
  const meta = decrypted.document.metadata;
  const dataKey = options.newKey ? newDataKey() : decrypted.dataKey;
  let keyGroups: KeyGroup[] = meta.keyGroups;
  if (options.newKey || options.groups) {
    const groups = options.groups ?? meta.keyGroups.map((g) => g.age.map((a) => a.recipient));
    keyGroups = await wrapDataKey(dataKey, groups, options.threshold ?? meta.shamirThreshold);
  }
  const doc = sealDocument(branches, dataKey, {
    metadata: { ...meta, keyGroups, version: SOPS_VERSION },
    now: utcNow(),
    randomIv,
    encoding: stringEncodingFor(decrypted.format),
    ivs: options.newKey ? undefined : decrypted.ivs,
  });
  return renderSopsDocument(doc, decrypted.format);
}
