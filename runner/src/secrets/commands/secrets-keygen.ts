// `harbor secrets keygen`: creates an age identity file (mode 0600) and prints its recipient.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { SecretError } from '../../shared/core/errors';
import { defaultKeysPath } from '../age-identities';
import { utcNow } from '../age-wrap';

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
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    try {
      // 'wx': never replace an existing key, which would lock its owner out of every file encrypted to it.
      await writeFile(path, `# created: ${utcNow()}\n# public key: ${recipient}\n${identity}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new SecretError(`${path} already exists; not overwriting an identity file`, { hint: 'pass --output <new path>, or keep using the existing key' });
      }
      throw err;
    }
    deps.log.success(`wrote the age identity to ${path} (mode 0600); back it up (docs/Harbor-Secrets.md)`);
    deps.out(`${recipient}\n`);
  },
});
