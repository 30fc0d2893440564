// A throwaway Harbor home for command tests: files written from a map, removed after the test file.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';

const homes: string[] = [];
after(async () => Promise.all(homes.map((h) => rm(h, { recursive: true, force: true }))));

export async function makeTempHome(files: Record<string, string>): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'harbor-home-'));
  homes.push(home);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(home, file)), { recursive: true });
    await writeFile(join(home, file), text);
  }
  return home;
}

/** Every file under the home with its content: compare before and after to prove nothing was written. */
export async function snapshotHome(home: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(home, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = join(entry.parentPath, entry.name);
      // Harbor's command log (docs/Harbor-Utilities.md, "history") is written by every command, by design.
      if (file.slice(home.length + 1) === 'var/history.jsonl') continue;
      out[file.slice(home.length + 1)] = await readFile(file, 'utf8');
    }
  }
  return out;
}
