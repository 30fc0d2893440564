// Writes a text file atomically (temp file in the same directory, then rename): readers never see half a file.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeTextFile(file: string, text: string): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const partial = join(dir, `.${basename(file)}.${process.pid}.partial`);
  try {
    await writeFile(partial, text);
    await rename(partial, file);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}
