// Finds and reads `.sops.yaml` by walking up from the working directory, as sops does (SOPS_CONFIG overrides).
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseSopsConfig, type SopsConfig } from './core/sops-config';

/** The config, or undefined when no `.sops.yaml` exists up to the root (100 levels at most). */
export async function loadSopsConfig(cwd: string, env: Readonly<Record<string, string | undefined>>): Promise<SopsConfig | undefined> {
  const explicit = env.SOPS_CONFIG;
  const candidates: string[] = [];
  if (explicit) candidates.push(resolve(cwd, explicit));
  else {
    let dir = resolve(cwd);
    for (let i = 0; i < 100; i++) {
      candidates.push(join(dir, '.sops.yaml'));
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  for (const file of candidates) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    return parseSopsConfig(text, file);
  }
  return undefined;
}

/** The path a creation rule's path_regex is matched against: relative to the config's folder when inside it. */
export function configRelativePath(config: SopsConfig, file: string): string {
  const rel = relative(dirname(config.file), file);
  return rel.startsWith('..') ? file : rel.split(sep).join('/');
}
