// The Justfile, run by the real `just` (npm's static rust-just-linux-x64 build; .ci/run installs it): its
// recipes call ./harbor.sh with the user's arguments intact. `just deploy` / `just destroy` run in deploy.test.ts.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { requireDocker } from '../support/docker-available';
import { hostOnlyPath, recordedCalls, recordingDockerPath } from '../support/host-path';
import { requireTools } from '../support/host-tools';
import { REPO } from '../support/run-harbor';

/** `just ARGS` in the repo, with the tests' PATH (no node) unless another is given. */
function just(args: string[], path = hostOnlyPath()) {
  return spawnSync('just', args, { cwd: REPO, encoding: 'utf8', env: { PATH: path, HOME: process.env.HOME ?? '/root', NO_COLOR: '1' } });
}

test('just --list shows every recipe with what it does', (t) => {
  if (!requireTools(t, 'just')) return;
  const r = just(['--list']);
  assert.equal(r.status, 0, r.stderr);
  const listed = new Map(r.stdout.split('\n').map((line) => /^\s+(\S+)(?: [^#]*)?# (.+)$/.exec(line)).filter((m) => m !== null).map((m) => [m[1]!, m[2]!]));
  for (const name of ['deploy', 'destroy', 'doctor', 'harbor', 'runner', 'runner-save', 'build', 'test', 'bench']) {
    assert.ok(listed.get(name), `recipe ${name} is not listed with a description:\n${r.stdout}`);
  }
});

test('just harbor passes every argument to harbor.sh intact: spaces, empty strings, dashes', (t) => {
  if (!requireDocker(t) || !requireTools(t, 'just')) return;
  const log = join(mkdtempSync(join(tmpdir(), 'harbor-just-')), 'argv.log');
  writeFileSync(log, '');
  const r = just(['harbor', '--version', 'two words', '', '-x'], recordingDockerPath(log));
  const run = recordedCalls(log).find((argv) => argv[0] === 'run');
  assert.ok(run, `just harbor ran no container:\n${r.stderr}`);
  // The recorder writes one argument per line: the runner's arguments are the last four lines.
  assert.deepEqual(run.slice(-4), ['--version', 'two words', '', '-x']);
});

test('just doctor --json reaches the runner\'s doctor', (t) => {
  if (!requireDocker(t) || !requireTools(t, 'just')) return;
  const r = just(['doctor', '--json']);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const report = JSON.parse(r.stdout) as { checks: Array<{ name: string; message: string }> };
  assert.match(report.checks.find((c) => c.name === 'runner')?.message ?? '', /\(in the runner container\)$/);
});
