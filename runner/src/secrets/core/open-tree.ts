// Decrypts every encrypted value of a sops tree and computes its MAC (sops's Tree.Decrypt).
import { createSecretKey } from 'node:crypto';
import { SecretError } from '../../shared/core/errors';
import { buildEncryptionTest, type CryptRule } from './crypt-rules';
import { ivCacheKey, type IvCache } from './iv-cache';
import { buildMacHash } from './mac-hash';
import type { SopsBranches, SopsComment, SopsScalar } from './sops-tree';
import { openValue, plaintextOf, ValueCipherError, type StringEncoding, type ValueKey } from './value-cipher';
import { mapLeaves } from './walk-leaves';

export interface OpenTreeOptions {
  rule: CryptRule;
  macOnlyEncrypted: boolean;
  encoding: StringEncoding;
  /** The file, for messages. */
  file: string;
}

export interface OpenedTree {
  branches: SopsBranches;
  /** The MAC computed from the decrypted values. */
  mac: string;
  /** IVs of the values decrypted, for re-encrypting unchanged values identically. */
  ivs: IvCache;
}

export function openTree(branches: SopsBranches, dataKey: Uint8Array, options: OpenTreeOptions): OpenedTree {
  const key = createSecretKey(dataKey);
  const opened = walkOpen(branches, key, options, undefined);
  // Only re-encryption reads the IVs, and hashing every value costs a third of a big decrypt: collect
  // them on first use, by opening the same (unchanged, never exposed) ciphertext again.
  let ivs: Map<string, Uint8Array> | undefined;
  const collect = (): Map<string, Uint8Array> => {
    const found = new Map<string, Uint8Array>();
    walkOpen(branches, key, options, found);
    return found;
  };
  return { branches: opened.branches, mac: opened.mac, ivs: { get: (k) => (ivs ??= collect()).get(k) } };
}

function walkOpen(branches: SopsBranches, key: ValueKey, options: OpenTreeOptions, ivs: Map<string, Uint8Array> | undefined): Omit<OpenedTree, 'ivs'> {
  const shouldEncrypt = buildEncryptionTest(options.rule);
  const hash = buildMacHash(options.macOnlyEncrypted);
  const out = mapLeaves(branches, (leaf, ctx) => {
    const isComment = leaf.type === 'comment';
    const encrypted = shouldEncrypt(ctx.path, ctx.comments, isComment);
    let value: SopsScalar | SopsComment = leaf;
    /** The opened value's plaintext bytes, hashed into the MAC as they are. */
    let bytes: Buffer | undefined;
    if (encrypted) {
      const aad = `${ctx.path.join(':')}:`;
      if (leaf.type !== 'str' && leaf.type !== 'comment') {
        throw new SecretError(`${options.file}: could not decrypt value at ${ctx.where || '(top level)'}: it is a ${leaf.type}, not an ENC[…] string`, {
          hint: 'a value was edited in clear text; run `harbor secrets edit` to change values',
        });
      }
      if (leaf.value !== '') {
        try {
          const opened = openValue(leaf.value, key, aad, options.encoding);
          value = leaf.type === 'comment' && leaf.inline ? ({ ...opened.value, inline: true } as SopsComment) : opened.value;
          if (ivs) {
            const plain = plaintextOf(opened.value, options.encoding);
            ivs.set(ivCacheKey(aad, plain.type, plain.bytes), opened.iv);
          }
          // sops hashes a string's decrypted bytes as they are (Go's []byte(s)), which also spares
          // re-encoding every value; other types are hashed in their canonical form, further down.
          if (value === opened.value && opened.value.type === 'str') bytes = opened.bytes;
        } catch (err) {
          // Comments that do not decrypt were written in clear by old sops versions: keep them as they are.
          if (isComment) value = leaf;
          else {
            const why = err instanceof ValueCipherError ? err.message : 'unknown error';
            throw new SecretError(`${options.file}: could not decrypt value at ${ctx.where || '(top level)'}: ${why}`, {
              hint: 'the ciphertext was changed or damaged; restore the file from version control',
            });
          }
        }
      }
    }
    if (value.type !== 'comment' && (!options.macOnlyEncrypted || encrypted)) hash.add(bytes ?? plaintextOf(value, options.encoding).bytes);
    return value;
  });
  return { branches: out, mac: hash.digest() };
}
