// `harbor secrets keygen`: creates an age identity file (mode 0600) and prints its recipient.
import { resolve } from 'node:path';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { SecretError } from '../../shared/core/errors';
import { defaultKeysPath } from '../age-identities';
import { utcNow } from '../age-wrap';
import { writeIdentityFile } from '../write-identity-file';

export const secretsKeygenCommand = defineCommand({
  usage: 'secrets keygen',
  group: 'Env & secrets',
  summary: 'Create an age identity file (mode 0600, like age-keygen) and print its public recipient',
  options: [
    { flags: '-o, --output <path>', description: 'Identity file to create (default: $XDG_CONFIG_HOME or ~/.config + /sops/age/keys.txt); never overwritten' },
  ],
  examples: ['harbor secrets keygen', 'harbor secrets keygen --output ci-key.txt   # then store it as the CI secret SOPS_AGE_KEY'],
  schema: v.object({ output: v.optional(v.string()) }),
  async run({ options, deps }) {
    const path = options.output ? resolve(deps.cwd, options.output) : defaultKeysPath(deps.env);
    if (!path) throw new SecretError('no place for the key: HOME is not set', { hint: 'pass --output <path>' });
    const identity = await generateIdentity();
    const recipient = await identityToRecipient(identity);
    await writeIdentityFile(path, `# created: ${utcNow()}\n# public key: ${recipient}\n${identity}\n`);
    deps.log.success(`wrote the age identity to ${path} (mode 0600); back it up (docs/Harbor-Secrets.md)`);
    deps.out(`${recipient}\n`);
  },
});
