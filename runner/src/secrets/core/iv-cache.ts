// Remembers the IV of every value decrypted, so re-encrypting an unchanged value gives the same ciphertext (as sops does).
import { createHash } from 'node:crypto';

/** Looked up by ivCacheKey; a Map is one. */
export interface IvCache {
  get(key: string): Uint8Array | undefined;
}

/** Key of one (AAD, type, plaintext) triple; hashed so the cache holds no plaintext. */
export function ivCacheKey(aad: string, type: string, plaintext: Uint8Array): string {
  return createHash('sha256').update(aad).update('\0').update(type).update('\0').update(plaintext).digest('base64');
}
