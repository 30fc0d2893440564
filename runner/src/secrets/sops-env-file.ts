// Decrypts a sops env source (dotenv, or YAML/JSON of flat values) into key → plaintext, in memory only.
import { SecretError } from '../shared/core/errors';
import { selectSopsFormat } from './core/sops-format';
import type { SopsValue } from './core/sops-tree';
import { scalarText } from './core/stores/scalar-text';
import { decryptSopsFile } from './sops-file';

/**
 * Reads `file` (a `*.sops.env` dotenv file, or a sops YAML/JSON file whose values are flat scalars) with the
 * identities found in `env`. Errors are SecretError (exit 5) or exit 51 on a MAC mismatch; none contains plaintext.
 */
export async function readSopsEnvFile(
  file: string,
  env: Readonly<Record<string, string | undefined>>,
  options?: { ignoreMac?: boolean },
): Promise<Map<string, string>> {
  const format = selectSopsFormat(file);
  if (format !== 'dotenv' && format !== 'yaml' && format !== 'json') {
    throw new SecretError(`${file}: not an env source (use a .env, .yaml or .json sops file)`, {
      hint: 'name sops env files *.sops.env, or use a flat sops YAML/JSON file',
    });
  }
  const decrypted = await decryptSopsFile(file, env, { ignoreMac: options?.ignoreMac ?? false });
  const out = new Map<string, string>();
  for (const branch of decrypted.document.branches) {
    for (const item of branch.items) {
      if (item.type !== 'entry') continue;
      out.set(item.key, flatValue(item.value, file, item.key));
    }
  }
  return out;
}

function flatValue(value: SopsValue, file: string, key: string): string {
  if (value.type === 'map' || value.type === 'list') {
    const first = value.items.find((i) => i.type !== 'comment');
    const sub = first && value.type === 'map' && first.type === 'entry' ? `.${first.key}` : value.type === 'list' ? '[0]' : '';
    throw new SecretError(`${file}: ${key}${sub}: nested values cannot be env variables (only flat key: value pairs)`, {
      hint: 'keep env sources flat, or move nested secrets to a file rendered by a template',
    });
  }
  return scalarText(value);
}
