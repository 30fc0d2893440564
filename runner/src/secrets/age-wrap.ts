// Wraps a data key for age recipients (one armored age file per recipient), splitting it with Shamir across groups.
import { randomBytes } from 'node:crypto';
import { armor, Encrypter } from 'age-encryption';
import { SecretError } from '../shared/core/errors';
import { splitSecret } from './core/shamir';
import type { KeyGroup } from './core/sops-metadata';

async function wrapFor(recipient: string, payload: Uint8Array): Promise<string> {
  const e = new Encrypter();
  try {
    e.addRecipient(recipient);
  } catch {
    throw new SecretError(`invalid age recipient "${recipient}"`, { hint: 'age recipients look like age1… (see `harbor secrets keygen`)' });
  }
  return armor.encode(await e.encrypt(payload));
}

/** One KeyGroup per recipient group; more than one group splits the key (threshold 0 = all groups). */
export async function wrapDataKey(dataKey: Uint8Array, groups: readonly (readonly string[])[], threshold: number): Promise<KeyGroup[]> {
  if (groups.length === 0 || groups.some((g) => g.length === 0)) {
    throw new SecretError('no age recipients to encrypt to', { hint: 'pass --age age1…, or add an `age:` list to the matching creation rule in .sops.yaml' });
  }
  const parts = groups.length > 1 ? splitSecret(dataKey, groups.length, threshold || groups.length, (n) => randomBytes(n)) : [dataKey];
  return Promise.all(groups.map(async (group, i) => ({ age: await Promise.all(group.map(async (r) => ({ recipient: r, enc: await wrapFor(r, parts[i]!) }))), others: [] })));
}

export function randomIv(): Uint8Array {
  return randomBytes(32);
}

export function newDataKey(): Uint8Array {
  return randomBytes(32);
}

/** Now, as sops writes lastmodified: UTC to the second. */
export function utcNow(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}
