// A private scratch folder for a plaintext copy: in RAM (/dev/shm) where the platform has it, mode 0700, always removed.
import { access, constants, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Scratch {
  dir: string;
  /** True when the copy lives in memory (tmpfs) rather than on a disk. */
  inMemory: boolean;
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
  return { dir, inMemory, remove: () => rm(dir, { recursive: true, force: true }) };
}
