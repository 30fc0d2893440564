// The Justfile's recipes call ./harbor.sh with the user's arguments intact. `just` itself cannot be installed
// here (not in Debian bookworm; the npm package's platform binaries are not all on this registry, which
// breaks `npm ci`), so recipe bodies are run the way just runs them with `set positional-arguments`:
// `sh -c BODY just ARGS...`.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { requireDocker } from '../support/docker-available';
import { REPO } from '../support/run-harbor';

const text = readFileSync(join(REPO, 'Justfile'), 'utf8');

/** recipe name → its body lines (indented lines after `name args:`). */
function recipes(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    const head = /^([a-z][a-z0-9-]*)(?:\s[^:]*)?:\s*$/.exec(line);
    if (head) out.set(head[1]!, (current = []));
    else if (current && /^\s+\S/.test(line)) current.push(line.trim().replace(/^@/, ''));
    else if (!/^\s*$/.test(line) && !line.startsWith('#')) current = undefined;
  }
  return out;
}

test('the Justfile has the deploy, destroy, test, build, runner and doctor recipes, and keeps arguments intact', () => {
  const all = recipes();
  for (const name of ['deploy', 'destroy', 'test', 'build', 'runner', 'doctor']) assert.ok(all.has(name), `no ${name} recipe`);
  assert.match(text, /^set positional-arguments$/m);
  const expected: Record<string, string> = {
    deploy: './harbor.sh deploy "$@"',
    destroy: './harbor.sh destroy "$@"',
    doctor: './harbor.sh doctor "$@"',
    runner: './harbor.sh runner build',
    build: 'npm run build',
    test: 'npm test -- "$@"',
  };
  for (const [name, body] of Object.entries(expected)) assert.deepEqual(all.get(name), [body], `recipe ${name}`);
});

test('a recipe body, run as just runs it, reaches harbor with its arguments (doctor --json)', (t) => {
  if (!requireDocker(t)) return;
  const body = recipes().get('doctor')![0]!;
  const r = spawnSync('sh', ['-c', body, 'just', '--json'], { cwd: REPO, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const report = JSON.parse(r.stdout) as { checks: Array<{ name: string }> };
  assert.ok(report.checks.some((c) => c.name === 'engine'));
});
