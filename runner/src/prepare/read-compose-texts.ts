// Reads the selection's compose files, to hash them: an edited compose file makes the generated overlay stale.
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';

/** A file that cannot be read gives '' (compose itself reports it when it runs). */
export async function readComposeTexts(home: string, files: readonly string[]): Promise<string[]> {
  return Promise.all(files.map((file) => readFile(isAbsolute(file) ? file : join(home, file), 'utf8').catch(() => '')));
}
