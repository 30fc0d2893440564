// Gathers what `harbor secrets lint` judges: the home's tracked and untracked files, key file modes, .gitignore.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { glob } from 'tinyglobby';
import type { LintFacts, LintFile } from './core/secrets-lint';
import type { Deps } from '../shared/deps';
import { defaultKeysPath } from './age-identities';

const SKIP = ['**/node_modules/**', '.git/**', 'var/run/**', 'runner/dist/**'];
const MAX_BYTES = 2_000_000;

async function readIgnore(home: string): Promise<string[]> {
  try {
    return (await readFile(join(home, '.harbor-lint-ignore'), 'utf8')).split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  } catch {
    return [];
  }
}

async function listFiles(deps: Deps): Promise<string[]> {
  // In a git work tree: tracked and untracked files that .gitignore does not hide; else every file.
  const git = await deps.run(['git', '-C', deps.home, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], { stdio: 'capture' }).catch(() => undefined);
  if (git && git.code === 0) return [...new Set(git.stdout.split('\0').filter((p) => p !== ''))];
  return glob(['**/*'], { cwd: deps.home, dot: true, ignore: SKIP });
}

async function ignored(deps: Deps, path: string, lines: readonly string[]): Promise<boolean> {
  const r = await deps.run(['git', '-C', deps.home, 'check-ignore', '-q', '--no-index', path], { stdio: 'capture' }).catch(() => undefined);
  if (r && (r.code === 0 || r.code === 1)) return r.code === 0;
  // Not a git work tree: look for the plain line in .gitignore.
  const text = await readFile(join(deps.home, '.gitignore'), 'utf8').catch(() => '');
  return text.split('\n').some((l) => lines.includes(l.trim()));
}

export async function readLintFacts(deps: Deps): Promise<LintFacts> {
  const fixtures = new Set(await glob(await readIgnore(deps.home), { cwd: deps.home, dot: true }).catch(() => []));
  const files: LintFile[] = [];
  for (const path of await listFiles(deps)) {
    if (SKIP.some((s) => path.startsWith(s.replace('/**', '/').replace('**/', '')))) continue;
    const full = join(deps.home, path);
    const s = await stat(full).catch(() => undefined);
    if (!s?.isFile() || s.size > MAX_BYTES) continue;
    const text = await readFile(full, 'utf8').catch(() => '');
    files.push({ path, text, mode: s.mode, declaredFixture: fixtures.has(path) });
  }
  const keyPaths = [deps.env.SOPS_AGE_KEY_FILE, defaultKeysPath(deps.env)].filter((p): p is string => !!p);
  const keyFiles: LintFacts['keyFiles'] = [];
  for (const p of new Set(keyPaths)) {
    const s = await stat(p).catch(() => undefined);
    if (s?.isFile()) keyFiles.push({ path: p, mode: s.mode });
  }
  return { files, keyFiles, ignoresVarRun: await ignored(deps, 'var/run/x', ['var/run/', '/var/run/', 'var/run', '/var/run']),
    ignoresEnvLocal: await ignored(deps, '.env.local', ['.env.local', '/.env.local']) };
}
