// `harbor run <stage>` on the real engine, through the runner: dry run, deploy, post_deploy URLs, a failing
// custom stage (compose's exit code passes through), continueOnError, destroy; nothing of the project is left.
import { deepStrictEqual, equal, match } from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { requireDocker } from '../support/docker-available';
import { runRunner } from '../support/compose-home';

const IMAGE = process.env.HARBOR_EXAMPLE_BASE_IMAGE ?? 'harbor-ci/debian:bookworm';
const PROJECT = `harbor-run-it-${process.pid}`;

const DESCRIPTOR = `version: 1
project: ${PROJECT}
profiles:
  default: { services: [web] }
deploy:
  steps:
    - { action: compose.up, waitTimeout: 60 }
    - { action: log.info, message: "tunnel", when: "\${ENABLE_TUNNEL}" }
post_deploy:
  steps:
    - { action: open, target: [web] }
stages:
  broken:
    steps:
      - { action: compose.exec, service: web, command: [sh, -c, "exit 3"], continueOnError: true }
      - { action: compose.exec, service: web, command: [sh, -c, "exit 7"] }
      - { action: log.info, message: never }
`;

const WEB = `services:
  web:
    image: ${IMAGE}
    command: ["sh", "-c", "mkdir -p /www && echo hello-from-run > /www/index.html && exec busybox httpd -f -p 80 -h /www"]
    init: true
    ports: ["80"]
    healthcheck:
      test: ["CMD", "busybox", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1/"]
      interval: 1s
      retries: 30
`;

let home = '';
after(async () => {
  if (!home) return;
  spawnSync('docker', ['compose', '-p', PROJECT, 'down', '--volumes', '--remove-orphans'], { stdio: 'ignore', cwd: home });
  await rm(home, { recursive: true, force: true });
});

/** The runner from source on this test's home (the shared helper; its example env is harmless here). */
function harbor(args: string[], env: Record<string, string> = {}) {
  return runRunner(home, args, env);
}

function projectObjects(): string[] {
  const label = `label=com.docker.compose.project=${PROJECT}`;
  const list = (args: string[]) => spawnSync('docker', args, { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  return [
    ...list(['ps', '-a', '--filter', label, '--format', 'container {{.Names}}']),
    ...list(['network', 'ls', '--filter', label, '--format', 'network {{.Name}}']),
    ...list(['volume', 'ls', '--filter', label, '--format', 'volume {{.Name}}']),
  ];
}

describe('harbor run <stage> on the real engine', () => {
  it('dry run, deploy, post_deploy, a failing stage, destroy', { timeout: 180_000 }, async (t) => {
    if (!requireDocker(t)) return;
    home = await mkdtemp(join(tmpdir(), 'harbor-run-'));
    await mkdir(join(home, 'etc/stacks'), { recursive: true });
    await writeFile(join(home, 'etc/harbor.yaml'), DESCRIPTOR);
    await writeFile(join(home, 'etc/stacks/compose.yml'), 'services: {}\n');
    await writeFile(join(home, 'etc/stacks/compose.web.yml'), WEB);

    const dry = await harbor(['run', 'deploy', '--dry-run', '--capabilities', '']);
    equal(dry.code, 0, dry.stderr);
    match(dry.stdout, new RegExp(`docker compose -p ${PROJECT} .* up -d --wait --wait-timeout 60 --remove-orphans`));
    deepStrictEqual(projectObjects(), [], 'a dry run starts nothing');

    const up = await harbor(['run', 'deploy', '--capabilities', '']);
    equal(up.code, 0, up.stderr);
    match(up.stderr, /✔ deploy\[0\] compose\.up \(\d+(\.\d)?m?s\)/);
    match(up.stderr, /↷ deploy\[1\] log\.info skipped \(when: \$\{ENABLE_TUNNEL\} is ""\)/);

    const post = await harbor(['run', 'post_deploy', '--json', '--capabilities', '']);
    equal(post.code, 0, post.stderr);
    const report = JSON.parse(post.stdout);
    const url = report.steps[0].urls[0] as string;
    match(url, /^http:\/\/localhost:\d+$/);
    equal((await (await fetch(url)).text()).trim(), 'hello-from-run');

    const broken = await harbor(['run', 'broken', '--json', '--capabilities', '']);
    equal(broken.code, 7, 'compose exec exit code passes through');
    deepStrictEqual(JSON.parse(broken.stdout).steps.map((s: { status: string }) => s.status), ['failed', 'failed', 'not-run']);
    match(broken.stderr, /continueOnError: going on/);

    const down = await harbor(['run', 'destroy', '--capabilities', '']);
    equal(down.code, 0, down.stderr);
    deepStrictEqual(projectObjects(), [], 'destroy leaves no container, network or volume');
  });
});
