// `harbor secrets keygen`: creates an age identity file (mode 0600) and prints its recipient.
import { resolve } from 'node:path';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { SecretError } from '../../shared/core/errors';
import { defaultKeysPath } from '../age-identities';
import { utcNow } from '../age-wrap';
import { resolveHostPath } from '../../shared/host-path';
import { refuseExistingIdentity, writeIdentityFile } from '../write-identity-file';

export const secretsKeygenCommand = defineCommand({
  usage: 'secrets keygen',
  group: 'Env & secrets',
  summary: 'Create an age identity file (mode 0600, like age-keygen) and print its public recipient',
  options: [
    {
      flags: '-o, --output <path>',
      description: 'Identity file to create (default: $SOPS_AGE_KEY_FILE, else $XDG_CONFIG_HOME or ~/.config + /sops/age/keys.txt, on the host); never overwritten',
    },
  ],
  examples: ['harbor secrets keygen', 'harbor secrets keygen --output ci-key.txt   # then store it as the CI secret SOPS_AGE_KEY'],
  schema: v.object({ output: v.optional(v.string()) }),
  async run({ options, deps }) {
    // Through harbor.sh, HARBOR_KEYGEN_FILE is the host's key path the shim resolved and made writable. In the
    // runner, HOME is the container's (/tmp): its default key path would vanish, so it is never used.
    const fallback = deps.env.HARBOR_IN_RUNNER === '1' ? undefined : defaultKeysPath(deps.env);
    const typed = options.output ?? (deps.env.HARBOR_KEYGEN_FILE || deps.env.SOPS_AGE_KEY_FILE || fallback);
    if (!typed) throw new SecretError('no place for the key: HOME is not set on the host', { hint: 'pass --output <path>, or set SOPS_AGE_KEY_FILE' });
    // An existing key first (its file is mounted read-only): never replace it, whatever else is wrong.
    await refuseExistingIdentity(resolve(deps.cwd, typed));
    // Refuses before a key exists anywhere: a key written into the runner would vanish with it.
    const path = await resolveHostPath(deps, typed, 'write');
    const identity = await generateIdentity();
    const recipient = await identityToRecipient(identity);
    await writeIdentityFile(path, `# created: ${utcNow()}\n# public key: ${recipient}\n${identity}\n`);
    deps.log.success(`wrote the age identity to ${path} (mode 0600); back it up (docs/Harbor-Secrets.md)`);
    deps.out(`${recipient}\n`);
  },
});
