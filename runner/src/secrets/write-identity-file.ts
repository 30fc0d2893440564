// Writes a new age identity file: mode 0600 in a 0700 folder, and never over an existing one.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SecretError } from '../shared/core/errors';

export async function writeIdentityFile(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    // 'wx': never replace an existing key, which would lock its owner out of every file encrypted to it.
    await writeFile(path, text, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new SecretError(`${path} already exists; not overwriting an identity file`, { hint: 'pass --output <new path>, or keep using the existing key' });
    }
    throw err;
  }
}
