// `harbor secrets keygen`: creates an age identity file (mode 0600) and prints its recipient.
import { lstat, mkdir, open, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import * as v from 'valibot';
import { defineCommand } from '../command-spec';
import { SecretError } from '../errors';
import { defaultKeysPath } from '../adapters/age-identities';
import { utcNow } from '../adapters/age-wrap';
import { resolveHostPath } from '../boundary/host-path';

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
    // Through harbor.sh, HARBOR_KEYGEN_FILE is the host's key path the shim resolved and made writable.
    // In the runner, HOME is the container's (/tmp): its default key path would vanish, so it is never used.
    const fallback = deps.env.HARBOR_IN_RUNNER === '1' ? undefined : defaultKeysPath(deps.env);
    const typed = options.output ?? (deps.env.HARBOR_KEYGEN_FILE || deps.env.SOPS_AGE_KEY_FILE || fallback);
    if (!typed) throw new SecretError('no place for the key: HOME is not set on the host', { hint: 'pass --output <path>, or set SOPS_AGE_KEY_FILE' });
    // An existing key first (its file is mounted read-only): never replace it, whatever else is wrong.
    if (await lstat(resolve(deps.cwd, typed)).then(() => true, () => false)) throw alreadyExists(resolve(deps.cwd, typed));
    // Refuses before a key exists anywhere: a key written into the runner would vanish with it.
    const path = await resolveHostPath(deps, typed, 'write');
    const identity = await generateIdentity();
    const recipient = await identityToRecipient(identity);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    let file;
    try {
      // 'wx': never replace an existing key, which would lock its owner out of every file encrypted to it.
      file = await open(path, 'wx', 0o600);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw alreadyExists(path);
      if (code === 'EACCES' || code === 'EPERM') throw new SecretError(`${path}: cannot create the key there (permission denied)`, { hint: 'pass --output <path> in a folder you can write' });
      throw err;
    }
    try {
      await file.chmod(0o600);
      await file.writeFile(`# created: ${utcNow()}\n# public key: ${recipient}\n${identity}\n`);
      await file.sync();
      await file.close();
    } catch (err) {
      // A half-written key would be refused as "already exists" next time: remove it.
      await file.close().catch(() => undefined);
      await rm(path, { force: true });
      throw err;
    }
    deps.log.success(`wrote the age identity to ${path} (mode 0600); back it up (docs/Harbor-Secrets.md)`);
    deps.out(`${recipient}\n`);
  },
});

function alreadyExists(path: string): SecretError {
  return new SecretError(`${path} already exists; not overwriting an identity file`, { hint: 'pass --output <new path>, or keep using the existing key' });
}
