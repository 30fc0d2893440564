// A private scratch folder for a plaintext copy: in RAM (/dev/shm) where the platform has it, mode 0700, always removed.
import { access, constants, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Scratch {
  dir: string;
  /** True when the copy lives in memory (tmpfs) rather than on a disk. */
  inMemory: boolean;
  /** Writes `name` in the folder, mode 0600, and returns its path. */
  write(name: string, text: string, encoding: BufferEncoding): Promise<string>;
  read(name: string, encoding: BufferEncoding): Promise<string>;
  remove(): Promise<void>;
}

export async function createPlaintextScratch(): Promise<Scratch> {
  let base = tmpdir();
  let inMemory = false;
  try {
    await access('/dev/shm', constants.W_OK);
    base = '/dev/shm';
    inMemory = true;
  } catch {
    // no tmpfs: fall back to the temp dir (the copy is still 0600 in a 0700 folder, and removed)
  }
  const dir = await mkdtemp(join(base, 'harbor-edit-'));
  return {
    dir,
    inMemory,
    write: async (name, text, encoding) => {
      await writeFile(join(dir, name), text, { encoding, mode: 0o600 });
      return join(dir, name);
    },
    read: (name, encoding) => readFile(join(dir, name), encoding),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
