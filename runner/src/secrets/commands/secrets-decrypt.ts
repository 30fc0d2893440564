// `harbor secrets decrypt FILE`: prints the plaintext exactly as `sops decrypt` does (or writes it, mode 0600).
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { renderPlainDocument } from '../core/sops-document';
import { SOPS_FORMATS } from '../core/sops-format';
import { SecretError } from '../../shared/core/errors';
import { decryptSopsFile } from '../sops-file';
import { writeFileAtomic } from '../../shared/atomic-write';
import { resolveHostPath } from '../../shared/host-path';

export const secretsDecryptCommand = defineCommand({
  usage: 'secrets decrypt <file>',
  group: 'Env & secrets',
  summary: 'Decrypt a sops file (YAML, JSON, dotenv, INI, binary) and print the plaintext, byte for byte as sops does',
  options: [
    { flags: '--output-type <type>', description: 'Print in another store: yaml, json, dotenv, ini or binary (default: the file\'s own)' },
    { flags: '--input-type <type>', description: 'Read the file as this store instead of guessing from its extension' },
    { flags: '--output <path>', description: 'Write the plaintext to this file (mode 0600) instead of stdout' },
    { flags: '--ignore-mac', description: 'Decrypt even when the MAC does not match (a changed or damaged file); otherwise exit 51' },
  ],
  examples: [
    'SOPS_AGE_KEY_FILE=~/.config/sops/age/keys.txt harbor secrets decrypt etc/secrets.sops.env',
    'harbor secrets decrypt stacks/db/secrets.sops.yaml --output-type json',
  ],
  schema: v.object({
    outputType: v.optional(v.picklist(SOPS_FORMATS)),
    inputType: v.optional(v.picklist(SOPS_FORMATS)),
    output: v.optional(v.string()),
    ignoreMac: v.optional(v.boolean(), false),
  }),
  async run({ args, options, deps }) {
    const file = await resolveHostPath(deps, args[0]!, 'read');
    const output = options.output === undefined ? undefined : await resolveHostPath(deps, options.output, 'write');
    const decrypted = await decryptSopsFile(file, deps.env, { ignoreMac: options.ignoreMac, inputType: options.inputType, run: deps.run });
    const format = options.outputType ?? decrypted.format;
    const text = renderPlainDocument(decrypted.document.branches, format);
    // Binary plaintext is carried as latin1 characters: turn it back into the file's bytes.
    const bytes = Buffer.from(text, decrypted.format === 'binary' && format === 'binary' ? 'latin1' : 'utf8');
    if (output) {
      await writeFileAtomic(output, bytes, { mode: 0o600, keepMode: true, createDir: false });
      deps.log.success(`decrypted ${args[0]} into ${options.output} (mode 0600)`);
      return;
    }
    const asText = bytes.toString('utf8');
    if (!Buffer.from(asText, 'utf8').equals(bytes)) {
      throw new SecretError(`${args[0]}: the plaintext is binary data, which cannot be printed as text`, { hint: 'use --output <path>' });
    }
    deps.out(asText);
  },
});
