// The host tools tests call (listed in .ci/host-tools, which .ci/run installs): present, or the test is
// skipped with the reason; under CI a missing tool fails the test instead, naming it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';

const LIST = join(fileURLToPath(new URL('../..', import.meta.url)), '.ci', 'host-tools');

/** The tools .ci/host-tools lists, by name. */
export const HOST_TOOLS: readonly string[] = readFileSync(LIST, 'utf8')
  .split('\n')
  .filter((line) => /^[^#\s]/.test(line))
  .map((line) => line.split(/\s+/)[0]!);

export function toolOnPath(name: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name], { stdio: 'ignore' }).status === 0;
}

/** Call first in a test that runs these tools; returns false when the test was skipped. */
export function requireTools(t: TestContext, ...names: string[]): boolean {
  const unlisted = names.filter((n) => !HOST_TOOLS.includes(n));
  if (unlisted.length) throw new Error(`${unlisted.join(', ')} not in .ci/host-tools: list it there, so .ci/run installs it on a clean machine`);
  const missing = names.filter((n) => !toolOnPath(n));
  if (!missing.length) return true;
  const what = `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not installed`;
  if (process.env.CI) throw new Error(`${what}, and CI must not skip tests: .ci/run installs every tool .ci/host-tools lists`);
  t.skip(`${what} (.ci/run installs it)`);
  return false;
}

/** For tests that create users or mount namespaces: root, or skipped (under CI: failed). */
export function requireRoot(t: TestContext): boolean {
  if (process.getuid?.() === 0) return true;
  if (process.env.CI) throw new Error('this test needs root (it creates a throwaway user or a mount namespace), and CI runs as root');
  t.skip('needs root');
  return false;
}
