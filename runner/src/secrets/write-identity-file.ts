// Writes a new age identity file: mode 0600 in a 0700 folder, and never over an existing one.
import { lstat, mkdir, open, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SecretError } from '../shared/core/errors';
import { assertHostWritable } from '../shared/host-path';

function identityExists(path: string): SecretError {
  return new SecretError(`${path} already exists; not overwriting an identity file`, { hint: 'pass --output <new path>, or keep using the existing key' });
}

/** Throws when anything (a file, a dangling symlink) already has this name. */
export async function refuseExistingIdentity(path: string): Promise<void> {
  if (await lstat(path).then(() => true, () => false)) throw identityExists(path);
}

export async function writeIdentityFile(path: string, text: string): Promise<void> {
  // In the runner: never a key the host would not see (issue 19: one written to the runner's /tmp vanished).
  await assertHostWritable(path);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  let file;
  try {
    // 'wx': never replace an existing key, which would lock its owner out of every file encrypted to it.
    file = await open(path, 'wx', 0o600);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw identityExists(path);
    if (code === 'EACCES' || code === 'EPERM') throw new SecretError(`${path}: cannot create the key there (permission denied)`, { hint: 'pass --output <path> in a folder you can write' });
    throw err;
  }
  try {
    // Set again with fchmod: no umask can leave the key readable by others.
    await file.chmod(0o600);
    await file.writeFile(text);
    await file.sync();
    await file.close();
  } catch (err) {
    // A half-written key would be refused as "already exists" next time: remove it.
    await file.close().catch(() => undefined);
    await rm(path, { force: true });
    throw err;
  }
}
