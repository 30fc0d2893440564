// Reads a secret value from a file (`--value-file`) or else from standard input: never from argv.
import { readFile } from 'node:fs/promises';
import { readStdin } from '../shared/read-stdin';

export async function readSecretInput(file: string | undefined): Promise<string> {
  return file === undefined ? readStdin() : readFile(file, 'utf8');
}
