// Bad hooks on the real engine: each stops the command with a clear error, and nothing after it was done
// (no later hook, no compose up, no hook container left).
import { equal, match, ok } from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { access, chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dockerAnswers, requireDocker } from '../support/docker-available';
import { runRunner } from '../support/compose-home';

const IMAGE = process.env.HARBOR_EXAMPLE_BASE_IMAGE ?? 'harbor-ci/debian:bookworm';
const PROJECT = `harbor-hookerr-it-${process.pid}`;

const head = `version: 1
project: ${PROJECT}
profiles:
  default: { services: [web] }
stages:
  backup:
    steps:
      - { action: log.info, message: backing up }
hooks:
  pre_source: [{ run: 'echo pre_source >> var/run/order.txt' }]
`;

const WEB = `services:
  web:
    image: ${IMAGE}
    command: ["sh", "-c", "exec sleep 600"]
    init: true
`;

let home = '';
before(async () => {
  if (!dockerAnswers()) return;
  home = await mkdtemp(join(tmpdir(), 'harbor-hookerr-'));
  await mkdir(join(home, 'etc/stacks'), { recursive: true });
  await mkdir(join(home, 'stacks/web/hooks'), { recursive: true });
  await writeFile(join(home, 'etc/stacks/compose.yml'), 'services: {}\n');
  await writeFile(join(home, 'etc/stacks/compose.web.yml'), WEB);
  await writeFile(join(home, 'stacks/web/hooks/plain.sh'), '#!/bin/sh\necho plain\n');
  await writeFile(join(home, 'stacks/web/hooks/boom.ts'), 'const answer: number = 41;\nexport default async (): Promise<void> => {\n  if (answer !== 42) throw new Error(`expected 42, got ${answer}`);\n};\n');
  await writeFile(join(home, 'stacks/web/hooks/nodefault.mjs'), 'export const check = () => 1;\n');
});
after(async () => {
  if (!home) return;
  spawnSync('docker', ['compose', '-p', PROJECT, 'down', '--volumes', '--remove-orphans'], { stdio: 'ignore', cwd: home });
  await rm(home, { recursive: true, force: true });
});

/** Writes the descriptor (the pre_source hook, then `hooks`), clears var/run/, deploys. */
async function deployWith(hooks: string, args: string[] = []) {
  await writeFile(join(home, 'etc/harbor.yaml'), `${head}${hooks}`);
  await rm(join(home, 'var/run'), { recursive: true, force: true });
  return runRunner(home, ['deploy', '--capabilities', '', ...args]);
}

const exists = (path: string) => access(join(home, path)).then(() => true, () => false);
const order = () => readFile(join(home, 'var/run/order.txt'), 'utf8').catch(() => '');
function leftovers(): string {
  const hooks = spawnSync('docker', ['ps', '-aq', '--filter', `label=io.harbor.project=${PROJECT}`], { encoding: 'utf8' }).stdout.trim();
  const stack = spawnSync('docker', ['ps', '-aq', '--filter', `label=com.docker.compose.project=${PROJECT}`], { encoding: 'utf8' }).stdout.trim();
  return `${hooks}${stack}`;
}

describe('bad hooks: a clear error, nothing half-done', () => {
  it('an unknown point or type is a descriptor error at its line, with the nearest name', { timeout: 60_000 }, async (t) => {
    if (!requireDocker(t)) return;
    const point = await deployWith('  pre_deplyo: [{ run: "true" }]\n  pre_bakup: [{ run: "true" }]\n');
    equal(point.code, 3, point.stderr);
    match(point.stderr, /etc\/harbor\.yaml:11:3: hooks\.pre_deplyo: unknown hook point "pre_deplyo" \(did you mean pre_deploy\?\)/);
    match(point.stderr, /etc\/harbor\.yaml:12:3: hooks\.pre_bakup: unknown hook point "pre_bakup" \(did you mean pre_backup\?\)/);
    const type = await deployWith('  pre_deploy: [{ type: shel, run: "true" }]\n');
    equal(type.code, 3, type.stderr);
    match(type.stderr, /hooks\.pre_deploy\[0\]\.type: unknown hook type "shel" \(did you mean shell\?\)/);
    equal(await order(), '', 'a hook ran');
  });

  it('a missing or non-executable script stops the command before the first hook', { timeout: 60_000 }, async (t) => {
    if (!requireDocker(t)) return;
    await chmod(join(home, 'stacks/web/hooks/plain.sh'), 0o644);
    const r = await deployWith('  pre_deploy:\n    - { script: stacks/web/hooks/nope.sh }\n    - { script: stacks/web/hooks/plain.sh }\n');
    equal(r.code, 6, r.stderr);
    match(r.stderr, /hooks\.pre_deploy\[0\]: stacks\/web\/hooks\/nope\.sh does not exist/);
    match(r.stderr, /hooks\.pre_deploy\[1\]: stacks\/web\/hooks\/plain\.sh is not executable \(chmod \+x stacks\/web\/hooks\/plain\.sh\)/);
    equal(await order(), '', 'pre_source ran before the check');
    equal(leftovers(), '');
  });

  it('a host: true hook without --allow-host-hooks stops the command before anything runs', { timeout: 60_000 }, async (t) => {
    if (!requireDocker(t)) return;
    const r = await deployWith('  post_deploy: [{ name: backup, host: true, run: "touch /tmp/harbor-should-not-exist" }]\n');
    equal(r.code, 6, r.stderr);
    match(r.stderr, /hooks\.post_deploy\[0\] \(backup\) runs on the host \(host: true\), and this run does not allow host hooks/);
    match(r.stderr, /add --allow-host-hooks/);
    equal(await order(), '');
    equal(leftovers(), '');
  });

  it('a hook that times out is stopped and removed, and the stage fails there', { timeout: 60_000 }, async (t) => {
    if (!requireDocker(t)) return;
    const started = Date.now();
    const r = await deployWith('  pre_deploy: [{ name: slow, run: "echo started; sleep 60", timeout: 2 }]\n  post_deploy: [{ run: "echo post_deploy >> var/run/order.txt" }]\n');
    equal(r.code, 6, r.stderr);
    match(r.stderr, /\[pre_deploy:slow\] started/);
    match(r.stderr, /pre_deploy:slow \(hooks\.pre_deploy\[0\]\) timed out after 2s: it was stopped and removed/);
    ok(Date.now() - started < 40_000, 'the hook was not stopped at its timeout');
    equal(await order(), 'pre_source\n', 'a later hook ran');
    equal(leftovers(), '', 'the hook container or the stack is still there');
  });

  it('a ts_routine that throws: its message and file:line', { timeout: 60_000 }, async (t) => {
    if (!requireDocker(t)) return;
    const r = await deployWith('  pre_deploy: [{ name: boom, type: ts_routine, module: stacks/web/hooks/boom.ts }]\n');
    equal(r.code, 6, r.stderr);
    match(r.stderr, /pre_deploy:boom \(hooks\.pre_deploy\[0\]\) threw: expected 42, got 41 \(at stacks\/web\/hooks\/boom\.ts:3\)/);
    const none = await deployWith('  pre_deploy: [{ type: ts_routine, module: stacks/web/hooks/nodefault.mjs }]\n');
    equal(none.code, 6, none.stderr);
    match(none.stderr, /pre_deploy:nodefault .* threw: stacks\/web\/hooks\/nodefault\.mjs has no default export to call: write `export default async \(ctx\) => \{ … \}`/);
    equal(leftovers(), '');
  });

  it('the home is read-only to a hook: a write outside var/run/ fails the hook and changes nothing', { timeout: 60_000 }, async (t) => {
    if (!requireDocker(t)) return;
    const r = await deployWith('  pre_deploy: [{ name: intruder, run: "echo x > var/run/ok.txt && echo x > etc/intruder.txt" }]\n');
    equal(r.code, 6, r.stderr);
    match(r.stderr, /\[pre_deploy:intruder\] .*Read-only file system/);
    match(r.stderr, /pre_deploy:intruder \(hooks\.pre_deploy\[0\]\) failed with exit code \d+/);
    match(r.stderr, /the Harbor home is read-only to hooks: write under var\/run\//);
    equal(await exists('etc/intruder.txt'), false);
    equal(await exists('var/run/ok.txt'), true, 'var/run/ is writable');
    equal(leftovers(), '');
  });
});
