// The sops MAC: SHA-512 over the values' canonical bytes in file order, as uppercase hex.
import { createHash, type Hash } from 'node:crypto';

// SHA-256("sops"): fed first when mac_only_encrypted is set, so the two MAC kinds never collide.
const MAC_ONLY_ENCRYPTED_INIT = Buffer.from('8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69', 'hex');

export interface MacHash {
  add(bytes: Uint8Array): void;
  /** 128 uppercase hex characters. */
  digest(): string;
}

export function buildMacHash(macOnlyEncrypted: boolean): MacHash {
  const hash: Hash = createHash('sha512');
  if (macOnlyEncrypted) hash.update(MAC_ONLY_ENCRYPTED_INIT);
  return {
    add: (bytes) => void hash.update(bytes),
    digest: () => hash.digest('hex').toUpperCase(),
  };
}
