// Reads the home's files that may be sops-encrypted (by name), for `harbor secrets audit`: path and text of each.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { glob } from 'tinyglobby';

export interface HomeText {
  /** Relative to the home. */
  file: string;
  /** Absolute. */
  path: string;
  /** '' when the file cannot be read. */
  text: string;
}

/** Every YAML, JSON, dotenv, INI or `.sops` file of the home (no node_modules, .git or var/run), sorted by path. */
export async function readHomeTexts(home: string): Promise<HomeText[]> {
  const candidates = await glob(['**/*.{yaml,yml,json,env,ini}', '**/*.sops'], { cwd: home, dot: true, ignore: ['**/node_modules/**', '.git/**', 'var/run/**'] });
  const out: HomeText[] = [];
  for (const file of candidates.sort()) {
    const path = join(home, file);
    out.push({ file, path, text: await readFile(path, 'utf8').catch(() => '') });
  }
  return out;
}
