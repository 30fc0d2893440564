// `harbor secrets encrypt FILE`: encrypts a plaintext file for age recipients (--age or the .sops.yaml creation rule).
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { hasSopsMetadata, parsePlainDocument } from '../core/sops-document';
import { selectSopsFormat, SOPS_FORMATS } from '../core/sops-format';
import { SecretError } from '../../shared/core/errors';
import { readStoreText } from '../sops-file';
import { encryptBranches, resolveRecipients } from '../sops-write';
import { writeFileAtomic } from '../../shared/atomic-write';
import { resolveHostPath } from '../../shared/host-path';

export const secretsEncryptCommand = defineCommand({
  usage: 'secrets encrypt <file>',
  group: 'Env & secrets',
  summary: 'Encrypt a plaintext file with sops/age for the recipients of --age or the matching .sops.yaml rule',
  options: [
    { flags: '--age <recipients>', description: 'Comma-separated age recipients (age1…); replaces the .sops.yaml rule\'s keys' },
    { flags: '-i, --in-place', description: 'Replace the file with its encrypted form instead of printing it' },
    { flags: '--output <path>', description: 'Write the encrypted file here instead of stdout' },
    { flags: '--input-type <type>', description: 'Read the file as this store: yaml, json, dotenv, ini or binary' },
  ],
  examples: [
    'harbor secrets encrypt --in-place etc/secrets.sops.env',
    'harbor secrets encrypt --age age1abc…,age1def… plain.yaml --output secrets.sops.yaml',
  ],
  schema: v.object({
    age: v.optional(v.string()),
    inPlace: v.optional(v.boolean(), false),
    output: v.optional(v.string()),
    inputType: v.optional(v.picklist(SOPS_FORMATS)),
  }),
  async run({ args, options, deps }) {
    const file = await resolveHostPath(deps, args[0]!, options.inPlace ? 'write' : 'read');
    const output = options.output === undefined || options.inPlace ? undefined : await resolveHostPath(deps, options.output, 'write');
    const format = selectSopsFormat(file, options.inputType);
    const branches = parsePlainDocument(await readStoreText(file, format), format, file);
    if (hasSopsMetadata(branches, format)) {
      throw new SecretError(`${args[0]}: the file is already encrypted (it has sops metadata)`, {
        hint: 'use `harbor secrets edit`, `set`, `rotate` or `updatekeys` on encrypted files',
      });
    }
    const plan = await resolveRecipients(file, deps.cwd, deps.env, options.age);
    const encrypted = await encryptBranches(branches, format, plan);
    const target = options.inPlace ? file : output;
    if (target) {
      await writeFileAtomic(target, encrypted, { mode: 0o644, keepMode: true, createDir: false });
      deps.log.success(`encrypted ${args[0]}${output ? ` into ${options.output}` : ''} for ${plan.groups.flat().length} recipient(s) from ${plan.source}`);
    } else deps.out(encrypted);
  },
});
