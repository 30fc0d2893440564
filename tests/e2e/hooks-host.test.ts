// Host hooks through the real ./harbor.sh: with --allow-host-hooks the shim runs them on this machine (same
// mount namespace as this test, as the user, in the home), secrets by environment only; a timeout kills the
// hook's whole process group; without the flag nothing runs.
import { deepStrictEqual, equal, match, ok } from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dockerAnswers, requireDocker } from '../support/docker-available';
import { EXAMPLE_ENV, makeExampleHome, removeExampleHome, type ExampleHome } from '../support/compose-home';
import { runHarbor } from '../support/run-harbor';

let example: ExampleHome;
let shim: string;
const SECRET = `host-secret-${process.pid}-Qx7`;
const marker = 40 + (process.pid % 50);

const DESCRIPTOR = (timeout: number) => `version: 1
stages:
  hostcheck:
    steps:
      - { action: log.info, message: checked }
hooks:
  pre_hostcheck:
    - name: probe
      host: true
      secrets: true
      run: |
        readlink /proc/self/ns/mnt > var/run/host-probe.txt
        id -u >> var/run/host-probe.txt
        pwd >> var/run/host-probe.txt
        printf %s "$API_TOKEN" | sha256sum | cut -c1-64 >> var/run/host-probe.txt
        echo "probe says $API_TOKEN on $HARBOR_HOOK"
    - { name: script, host: true, script: stacks/ops/hooks/host.sh }
  post_hostcheck:
    - { name: slow, host: true, timeout: ${timeout}, run: 'sleep ${marker}.5 & sleep ${marker}.25; echo never' }
`;

before(() => {
  if (!dockerAnswers()) return;
  example = makeExampleHome();
  shim = join(example.home, 'harbor.sh');
  copyFileSync(join(process.cwd(), 'harbor.sh'), shim);
  mkdirSync(join(example.home, 'stacks/ops/hooks'), { recursive: true });
  writeFileSync(join(example.home, 'stacks/ops/hooks/host.sh'), '#!/bin/sh\necho "script ran in $(pwd)" >> var/run/host-script.txt\n');
  chmodSync(join(example.home, 'stacks/ops/hooks/host.sh'), 0o755);
  writeFileSync(join(example.home, 'override.secrets.env'), `API_TOKEN=${SECRET}\n`);
});
after(() => example && removeExampleHome(example));

const harbor = (args: string[]) => runHarbor(args, { script: shim, cwd: example.home, env: { ...EXAMPLE_ENV, NO_COLOR: '1' } });
const sleepers = () => execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((l) => l.startsWith(`sleep ${marker}.`));

describe('host hooks through ./harbor.sh', () => {
  test('without --allow-host-hooks nothing runs', { timeout: 120_000 }, async (t) => {
    if (!requireDocker(t)) return;
    writeFileSync(join(example.home, 'etc/harbor.yaml'), DESCRIPTOR(2));
    const r = await harbor(['run', 'hostcheck']);
    equal(r.code, 6, r.stderr);
    match(r.stderr, /hooks\.pre_hostcheck\[0\] \(probe\), hooks\.pre_hostcheck\[1\] \(script\), hooks\.post_hostcheck\[0\] \(slow\) run on the host/);
    equal(existsSync(join(example.home, 'var/run/host-probe.txt')), false);
  });

  test('with it: they run on this host, as this user, in the home; secrets by environment; a timeout kills the tree', { timeout: 120_000 }, async (t) => {
    if (!requireDocker(t)) return;
    const r = await harbor(['run', 'hostcheck', '--allow-host-hooks']);
    equal(r.code, 6, r.stderr);
    // It says what it runs before it runs it.
    match(r.stderr, /pre_hostcheck:probe runs ON THE HOST as your user, in .*:\n {4}\| readlink \/proc\/self\/ns\/mnt > var\/run\/host-probe\.txt/);
    match(r.stderr, /harbor: running host hook pre_hostcheck:probe on this host/);
    const [mnt, uid, cwd, hash] = readFileSync(join(example.home, 'var/run/host-probe.txt'), 'utf8').trim().split('\n');
    equal(mnt, readlinkSync('/proc/self/ns/mnt'), 'the hook did not run in the host mount namespace');
    equal(uid, String(process.getuid!()));
    equal(cwd, example.home);
    equal(hash, createHash('sha256').update(SECRET).digest('hex'));
    equal(readFileSync(join(example.home, 'var/run/host-script.txt'), 'utf8'), `script ran in ${example.home}\n`);
    // Output: prefixed, the secret masked; it is in no output and no file.
    match(r.stderr, /\[pre_hostcheck:probe\] probe says \[redacted\] on pre_hostcheck/);
    ok(!`${r.stdout}${r.stderr}`.includes(SECRET));
    for (const file of readdirSync(example.home, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
      const path = join(file.parentPath, file.name);
      if (path !== join(example.home, 'override.secrets.env')) ok(!readFileSync(path, 'utf8').includes(SECRET), `${path} holds the secret`);
    }
    // The stage ran, then post_hostcheck timed out: its process group is gone.
    match(r.stderr, /post_hostcheck:slow \(hooks\.post_hostcheck\[0\]\) timed out after 2s: its process group on the host was killed/);
    deepStrictEqual(sleepers(), []);
    // The channel is removed when the runner ends.
    deepStrictEqual(readdirSync(join(example.home, 'var/run/.harbor')).filter((n) => n.startsWith('host-hooks')), []);
  });
});
