// Hashes task folders: the task checksum of result.json and the content tag of a task's image.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { glob } from 'tinyglobby';

/** sha256 over every file's relative path and bytes, in a stable order. */
export async function hashTree(dir: string): Promise<string> {
  const files = (await glob('**/*', { cwd: dir, absolute: true, dot: true, onlyFiles: true })).sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(relative(dir, file)).update('\0');
    hash.update(await readFile(file)).update('\0');
  }
  return hash.digest('hex');
}
