// Expands DIR arguments: a task directory (it has task.toml) as is, a dataset directory as its task subfolders.
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** The paths to check, as the user would write them; a dataset folder becomes its children that hold task.toml, sorted. */
export async function findTaskDirs(inputs: readonly string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    const dir = resolve(cwd, input);
    if (await isFile(join(dir, 'task.toml'))) {
      out.push(input);
      continue;
    }
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => undefined);
    const children = [];
    for (const e of entries ?? []) if (e.isDirectory() && (await isFile(join(dir, e.name, 'task.toml')))) children.push(e.name);
    // Not a dataset either: keep it, so the check reports what is wrong with it.
    if (children.length === 0) out.push(input);
    else out.push(...children.sort().map((c) => join(input, c)));
  }
  return out;
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() === true;
}
