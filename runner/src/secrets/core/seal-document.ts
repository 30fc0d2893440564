// Encrypts plaintext branches into a sops document: values, MAC (AAD = lastmodified) and the given key groups.
import { effectiveCryptRule, type SopsMetadata } from './sops-metadata';
import type { IvCache } from './iv-cache';
import { lastModifiedAad } from './rfc3339';
import { sealTree } from './seal-tree';
import type { SopsBranches } from './sops-tree';
import type { SopsDocument } from './sops-document';
import { sealValue, type StringEncoding } from './value-cipher';

export interface SealDocumentOptions {
  /** Metadata to write; `mac` and `lastModified` are replaced. */
  metadata: SopsMetadata;
  /** Current UTC time as `YYYY-MM-DDTHH:MM:SSZ` (injected: core reads no clock). */
  now: string;
  randomIv: () => Uint8Array;
  encoding: StringEncoding;
  ivs?: IvCache;
}

export function sealDocument(branches: SopsBranches, dataKey: Uint8Array, options: SealDocumentOptions): SopsDocument {
  const meta = options.metadata;
  const sealed = sealTree(branches, dataKey, {
    rule: effectiveCryptRule(meta),
    macOnlyEncrypted: meta.macOnlyEncrypted,
    encoding: options.encoding,
    randomIv: options.randomIv,
    ivs: options.ivs,
  });
  const mac = sealValue({ type: 'str', value: sealed.mac }, dataKey, lastModifiedAad(options.now) ?? options.now, options.randomIv(), 'utf8');
  return { branches: sealed.branches, metadata: { ...meta, lastModified: options.now, mac } };
}
