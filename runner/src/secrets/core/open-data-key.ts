// Recovers a file's 32-byte data key: every age entry is offered to every identity; key groups combine with Shamir.
import { armor, Decrypter } from 'age-encryption';
import { SecretError } from '../../shared/core/errors';
import { combineShares } from './shamir';
import { selectRecipients, type SopsMetadata } from './sops-metadata';

export const KEY_HINT =
  'give Harbor an age identity: SOPS_AGE_KEY_FILE=<path to keys.txt>, SOPS_AGE_KEY or AGE_PRIVATE_KEY=<AGE-SECRET-KEY-1…>, ' +
  'SOPS_AGE_KEY_CMD=<command>, or the default ~/.config/sops/age/keys.txt (see docs/Harbor-Secrets.md)';

async function openEntry(enc: string, identities: readonly string[]): Promise<Uint8Array> {
  const decrypter = new Decrypter();
  for (const identity of identities) decrypter.addIdentity(identity);
  return decrypter.decrypt(armor.decode(enc));
}

/** Tries the groups in order; throws SecretError naming the file and its recipients when too few open. */
export async function openDataKey(meta: SopsMetadata, identities: readonly string[], file: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const reasons = new Set<string>();
  for (const group of meta.keyGroups) {
    for (const key of group.age) {
      try {
        parts.push(await openEntry(key.enc, identities));
        break;
      } catch (err) {
        reasons.add(err instanceof Error ? err.message : String(err));
      }
    }
  }
  const groups = meta.keyGroups.length;
  const needed = groups > 1 ? meta.shamirThreshold || groups : 1;
  if (parts.length < needed) {
    const recipients = selectRecipients(meta);
    const to = recipients.length ? `its age recipients (${recipients.join(', ')})` : 'no age recipient (only other key types, which Harbor does not use)';
    const why = reasons.size ? `: ${[...reasons].join('; ')}` : '';
    const groupNote = groups > 1 ? ` (${parts.length} of the ${needed} key groups needed opened)` : '';
    throw new SecretError(`${file}: could not decrypt the data key${groupNote}${why}. The file is encrypted to ${to}`, { hint: KEY_HINT });
  }
  const key = groups > 1 ? combineShares(parts.slice(0, needed)) : parts[0]!;
  if (key.length !== 32) throw new SecretError(`${file}: the data key is ${key.length} bytes, expected 32`, { hint: 'the file is damaged; restore it from version control' });
  return key;
}
