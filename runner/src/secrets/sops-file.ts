// Reads and decrypts a sops file: identities from the given env, data key, values, and the MAC check.
import { readFile } from 'node:fs/promises';
import { EXIT, SecretError } from '../shared/core/errors';
import type { IvCache } from './core/iv-cache';
import { KEY_HINT, openDataKey } from './core/open-data-key';
import { openTree } from './core/open-tree';
import { lastModifiedAad } from './core/rfc3339';
import { parseSopsDocument, stringEncodingFor, type SopsDocument } from './core/sops-document';
import { selectSopsFormat, type SopsFormat } from './core/sops-format';
import { effectiveCryptRule, selectRecipients } from './core/sops-metadata';
import { openValue } from './core/value-cipher';
import { loadAgeIdentities, type IdentityEnv } from './age-identities';
import type { RunProcess } from '../shared/process-runner';

export interface DecryptOptions {
  ignoreMac?: boolean;
  /** --input-type: overrides the store chosen from the file name. */
  inputType?: SopsFormat;
  /** Runs SOPS_AGE_KEY_CMD when set. */
  run?: RunProcess;
}

export interface DecryptedSopsFile {
  format: SopsFormat;
  /** Decrypted branches with the file's metadata. */
  document: SopsDocument;
  dataKey: Uint8Array;
  /** IVs of the decrypted values (unchanged values keep their ciphertext when re-encrypted). */
  ivs: IvCache;
}

/** Reads a file as text for its store (binary: byte-preserving latin1). */
export async function readStoreText(file: string, format: SopsFormat): Promise<string> {
  try {
    return (await readFile(file)).toString(stringEncodingFor(format));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SecretError(`${file}: cannot read the file (${code === 'ENOENT' ? 'it does not exist' : code ?? 'error'})`, {
      hint: 'check the path (relative paths start at the current directory)',
    });
  }
}

/** Loads identities for a parsed file and recovers its data key. */
export async function openFileDataKey(file: string, doc: SopsDocument, env: IdentityEnv, run?: RunProcess): Promise<Uint8Array> {
  const recipients = selectRecipients(doc.metadata);
  const loaded = await loadAgeIdentities(env, { run, recipient: recipients[0] });
  if (loaded.identities.length === 0) {
    const errors = loaded.errors.length ? ` Problems: ${loaded.errors.join('; ')}.` : '';
    throw new SecretError(
      `${file}: no age identity found to decrypt it (looked in ${loaded.searched.join(', ')}).${errors} The file is encrypted to ${recipients.length ? recipients.join(', ') : 'no age recipient'}`,
      { hint: KEY_HINT },
    );
  }
  return openDataKey(doc.metadata, loaded.identities, file);
}

/** Decrypts a whole sops file in memory; MAC mismatch throws SecretError with exit 51 unless ignoreMac. */
export async function decryptSopsFile(file: string, env: IdentityEnv, options: DecryptOptions = {}): Promise<DecryptedSopsFile> {
  const format = selectSopsFormat(file, options.inputType);
  const encrypted = parseSopsDocument(await readStoreText(file, format), format, file);
  const dataKey = await openFileDataKey(file, encrypted, env, options.run);
  const meta = encrypted.metadata;
  const opened = openTree(encrypted.branches, dataKey, {
    rule: effectiveCryptRule(meta),
    macOnlyEncrypted: meta.macOnlyEncrypted,
    encoding: stringEncodingFor(format),
    file,
  });
  if (!options.ignoreMac) checkMac(file, meta.mac, meta.lastModified, opened.mac, dataKey);
  return { format, document: { branches: opened.branches, metadata: meta }, dataKey, ivs: opened.ivs };
}

function checkMac(file: string, stored: string, lastModified: string, computed: string, key: Uint8Array): void {
  const hint = 'the file was changed outside sops/Harbor (or damaged): restore it from version control; --ignore-mac reads it anyway';
  const fail = (why: string) => new SecretError(`${file}: MAC mismatch: ${why}`, { code: 'MAC_MISMATCH', exitCode: EXIT.macMismatch, hint });
  if (!stored) throw fail('the file has no MAC');
  let fileMac: string;
  try {
    const opened = openValue(stored, key, lastModifiedAad(lastModified) ?? lastModified, 'utf8');
    fileMac = opened.value.type === 'str' ? opened.value.value : '';
  } catch {
    throw fail('the stored MAC does not decrypt (was sops.lastmodified or sops.mac edited?)');
  }
  // MAC values are never printed: the computed one is a hash of every plaintext value.
  if (fileMac !== computed) throw fail('the values do not match the MAC stored in the file');
}
