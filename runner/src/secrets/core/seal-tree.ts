// Encrypts the values of a plaintext sops tree that the crypt rule selects, and computes the MAC (sops's Tree.Encrypt).
import { createSecretKey } from 'node:crypto';
import { RE2JS } from 're2js';
import { SecretError } from '../../shared/core/errors';
import { buildEncryptionTest, type CryptRule } from './crypt-rules';
import { ivCacheKey, type IvCache } from './iv-cache';
import { buildMacHash } from './mac-hash';
import type { SopsBranches } from './sops-tree';
import { plaintextOf, sealPlaintext, type StringEncoding } from './value-cipher';
import { mapLeaves } from './walk-leaves';

export interface SealTreeOptions {
  rule: CryptRule;
  macOnlyEncrypted: boolean;
  encoding: StringEncoding;
  /** A fresh random 32-byte IV (injected: core code draws no randomness itself). */
  randomIv: () => Uint8Array;
  /** IVs from a previous decryption: unchanged values keep their ciphertext. */
  ivs?: IvCache;
}

export interface SealedTree {
  branches: SopsBranches;
  mac: string;
}

export function sealTree(branches: SopsBranches, dataKey: Uint8Array, options: SealTreeOptions): SealedTree {
  // One KeyObject for every value, as openTree does.
  const key = createSecretKey(dataKey);
  const shouldEncrypt = buildEncryptionTest(options.rule);
  const hash = buildMacHash(options.macOnlyEncrypted);
  const clearComment = options.rule.name === 'unencrypted_comment_regex' ? RE2JS.compile(options.rule.value) : undefined;
  const out = mapLeaves(branches, (leaf, ctx) => {
    const isComment = leaf.type === 'comment';
    const encrypted = shouldEncrypt(ctx.path, ctx.comments, isComment);
    const plain = plaintextOf(leaf, options.encoding);
    if (!isComment && (!options.macOnlyEncrypted || encrypted)) hash.add(plain.bytes);
    if (!encrypted || (leaf.type === 'str' && leaf.value === '') || (isComment && leaf.value === '')) return leaf;
    const aad = `${ctx.path.join(':')}:`;
    const iv = options.ivs?.get(ivCacheKey(aad, plain.type, plain.bytes)) ?? options.randomIv();
    const sealed = sealPlaintext(plain.type, plain.bytes, key, aad, iv);
    if (isComment && clearComment?.matcher(sealed).find()) {
      throw new SecretError(`an encrypted comment at ${ctx.where || '(top level)'} matches unencrypted_comment_regex "${options.rule.value}"`, {
        hint: 'make unencrypted_comment_regex specific enough that it cannot match ENC[…] text',
      });
    }
    return isComment ? { type: 'comment', value: sealed, ...(leaf.inline ? { inline: true } : {}) } : { type: 'str', value: sealed };
  });
  return { branches: out, mac: hash.digest() };
}
