// The Justfile's recipes call ./harbor.sh with the user's arguments intact (just from the rust-just package).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { requireDocker } from '../support/docker-available';
import { REPO } from '../support/run-harbor';

const just = join(REPO, 'node_modules', '.bin', 'just');
const run = (args: string[]) => spawnSync(just, ['--justfile', join(REPO, 'Justfile'), '--working-directory', REPO, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

test('the Justfile has the deploy, destroy, test, build, runner and doctor recipes', () => {
  const r = run(['--summary']);
  assert.equal(r.status, 0, r.stderr);
  for (const recipe of ['deploy', 'destroy', 'test', 'build', 'runner', 'doctor']) assert.ok(r.stdout.split(/\s+/).includes(recipe), `no ${recipe} recipe`);
});

const dryRuns = [
  { args: ['deploy', '--dry-run', 'a b'], expected: './harbor.sh deploy "$@"' },
  { args: ['runner'], expected: './harbor.sh runner build' },
  { args: ['runner-save'], expected: './harbor.sh runner save "$1"' },
];
for (const c of dryRuns) {
  test(`just --dry-run ${c.args.join(' ')} runs: ${c.expected}`, () => {
    const r = run(['--dry-run', ...c.args]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr.trim(), c.expected);
  });
}

test('just doctor --json reaches harbor with its arguments', (t) => {
  if (!requireDocker(t)) return;
  const r = run(['doctor', '--json']);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const report = JSON.parse(r.stdout) as { checks: Array<{ name: string }> };
  assert.ok(report.checks.some((c) => c.name === 'engine'));
});
