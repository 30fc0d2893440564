// Hooks on the real engine through deploy, a custom stage and destroy: every point in order (each hook appends
// to var/run/order.txt), the three container types, when:, continueOnError, and secrets only with secrets: true.
import { deepStrictEqual, equal, match, ok } from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { requireDocker } from '../support/docker-available';
import { runRunner } from '../support/compose-home';

const IMAGE = process.env.HARBOR_EXAMPLE_BASE_IMAGE ?? 'harbor-ci/debian:bookworm';
const PROJECT = `harbor-hooks-it-${process.pid}`;
const SECRET = `hook-secret-${process.pid}-Zq9`;

const record = (extra = '') => `{ script: stacks/web/hooks/record.sh${extra} }`;
const DESCRIPTOR = `version: 1
project: ${PROJECT}
profiles:
  default: { services: [web, api] }
prepare:
  env:
    sources:
      - { type: secrets, file: override.secrets.env, optional: true }
stages:
  backup:
    steps:
      - { action: log.info, message: backing up }
hooks:
  pre_source: [${record()}]
  post_source: [${record()}]
  pre_prepare: [${record()}]
  pre_service_prepare: [${record()}]
  post_service_prepare: [${record(', service: web')}]
  post_prepare: [${record()}]
  pre_deploy:
    - ${record()}
    - { name: skipped, run: 'echo skipped >> var/run/order.txt', when: '\${NOT_SET}' }
    - { name: broken, run: 'echo broken >> var/run/order.txt; exit 3', continueOnError: true }
    - { name: no-secret, run: 'printf "[%s]" "\${API_TOKEN-unset}" > var/run/no-secret.txt' }
    - { name: with-secret, secrets: true, run: 'printf %s "$API_TOKEN" | sha256sum | cut -c1-64 > var/run/with-secret.txt; echo "token is $API_TOKEN"' }
  pre_service_up: [${record()}]
  post_service_up:
    - ${record()}
    - { name: check, type: ts_routine, module: stacks/web/hooks/check.ts, service: web }
  post_deploy:
    - ${record()}
    - { name: fetch, type: container, image: ${IMAGE}, command: [sh, -c, 'busybox wget -q -O - http://web/ > "$HARBOR_HOME/var/run/fetched.txt" && echo "$HARBOR_HOOK container" >> "$HARBOR_HOME/var/run/order.txt"'] }
  pre_backup: [${record()}]
  post_backup: [${record()}]
  pre_destroy: [${record()}]
  post_destroy: [${record()}]
`;

const SERVICE = (name: string, text: string) => `services:
  ${name}:
    image: ${IMAGE}
    command: ["sh", "-c", "mkdir -p /www && echo ${text} > /www/index.html && exec busybox httpd -f -p 80 -h /www"]
    init: true
    networks: [harbor-network]
    healthcheck:
      test: ["CMD", "busybox", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1/"]
      interval: 1s
      retries: 30
`;

const RECORD = `#!/bin/sh
# Appends the point (and the service of a per-service point) to var/run/order.txt.
echo "$HARBOR_HOOK\${HARBOR_SERVICE:+[$HARBOR_SERVICE]}" >> "$HARBOR_HOME/var/run/order.txt"
`;

const CHECK = `import { writeFileSync } from 'node:fs';
interface Ctx { hook: string; service?: string; services: string[]; files: string[]; home: string; envNames: string[]; log: { info(m: string): void }; compose(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> }
export default async (ctx: Ctx): Promise<void> => {
  const ps = await ctx.compose(['ps', '--format', '{{.Service}} {{.State}}', ctx.service!]);
  if (ps.code !== 0) throw new Error(\`compose ps failed: \${ps.stderr}\`);
  writeFileSync(\`\${ctx.home}/var/run/routine.json\`, JSON.stringify({ service: ctx.service, services: ctx.services, ps: ps.stdout.trim(), files: ctx.files.length, secretName: ctx.envNames.includes('API_TOKEN') }));
  writeFileSync(\`\${ctx.home}/var/run/order.txt\`, \`\${ctx.hook}[\${ctx.service}] ts_routine\\n\`, { flag: 'a' });
  ctx.log.info(\`checked \${ctx.service}\`);
};
`;

let home = '';
after(async () => {
  if (!home) return;
  spawnSync('docker', ['compose', '-p', PROJECT, 'down', '--volumes', '--remove-orphans'], { stdio: 'ignore', cwd: home });
  const left = spawnSync('docker', ['ps', '-aq', '--filter', `label=io.harbor.project=${PROJECT}`], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  if (left.length) spawnSync('docker', ['rm', '-f', ...left], { stdio: 'ignore' });
  await rm(home, { recursive: true, force: true });
});

const harbor = (args: string[]) => runRunner(home, [...args, '--capabilities', '']);

async function filesHolding(dir: string, text: string, skip: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if (path !== skip && (await readFile(path, 'utf8')).includes(text)) found.push(path);
  }
  return found;
}

describe('hooks on the real engine', () => {
  it('every point in order across deploy, run backup and destroy; every type; secrets only when asked', { timeout: 300_000 }, async (t) => {
    if (!requireDocker(t)) return;
    home = await mkdtemp(join(tmpdir(), 'harbor-hooks-'));
    await mkdir(join(home, 'etc/stacks'), { recursive: true });
    await mkdir(join(home, 'stacks/web/hooks'), { recursive: true });
    await writeFile(join(home, 'etc/harbor.yaml'), DESCRIPTOR);
    await writeFile(join(home, 'etc/stacks/compose.yml'), 'networks:\n  harbor-network: {}\n');
    await writeFile(join(home, 'etc/stacks/compose.web.yml'), SERVICE('web', 'hello-from-web'));
    await writeFile(join(home, 'etc/stacks/compose.api.yml'), SERVICE('api', 'hello-from-api'));
    await writeFile(join(home, 'stacks/web/hooks/record.sh'), RECORD);
    await chmod(join(home, 'stacks/web/hooks/record.sh'), 0o755);
    await writeFile(join(home, 'stacks/web/hooks/check.ts'), CHECK);
    await writeFile(join(home, 'override.secrets.env'), `API_TOKEN=${SECRET}\n`);

    const dry = await harbor(['deploy', '--dry-run']);
    equal(dry.code, 0, dry.stderr);
    match(dry.stdout, /hooks: \d+, in order\n  pre_source:record {2}shell stacks\/web\/hooks\/record\.sh/);
    match(dry.stdout, /pre_deploy:skipped .*skipped: when \$\{NOT_SET\} is ""/);
    match(dry.stdout, /post_service_up\[web\]:check {2}ts_routine stacks\/web\/hooks\/check\.ts/);
    await readFile(join(home, 'var/run/order.txt')).then(() => assert(false, 'a dry run ran a hook'), () => undefined);

    const deploy = await harbor(['deploy', '--debug']);
    equal(deploy.code, 0, deploy.stderr);
    const backup = await harbor(['run', 'backup']);
    equal(backup.code, 0, backup.stderr);
    const routine = JSON.parse(await readFile(join(home, 'var/run/routine.json'), 'utf8'));
    const fetched = await readFile(join(home, 'var/run/fetched.txt'), 'utf8');
    const destroy = await harbor(['destroy']);
    equal(destroy.code, 0, destroy.stderr);

    const order = (await readFile(join(home, 'var/run/order.txt'), 'utf8')).trim().split('\n');
    deepStrictEqual(order, [
      // harbor deploy
      'pre_source', 'post_source', 'pre_prepare',
      'pre_service_prepare[web]', 'pre_service_prepare[api]',
      'post_service_prepare[web]',
      'post_prepare',
      'pre_deploy', 'broken',
      'pre_service_up[web]', 'pre_service_up[api]',
      'post_service_up[web]', 'post_service_up[web] ts_routine', 'post_service_up[api]',
      'post_deploy', 'post_deploy container',
      // harbor run backup
      'pre_source', 'post_source', 'pre_backup', 'post_backup',
      // harbor destroy
      'pre_source', 'post_source', 'pre_destroy', 'post_destroy',
    ]);
    // The failing hook with continueOnError is a warning, and the deploy went on.
    match(deploy.stderr, /pre_deploy:broken \(hooks\.pre_deploy\[2\]\) failed with exit code 3 \(continueOnError: going on\)/);
    // Output is prefixed with the hook's label, line by line.
    match(deploy.stderr, /\[post_service_up\[web\]:check\] checked web/);
    // The ts_routine saw its service, the selection, compose's answer through ctx.compose, and no secret name.
    deepStrictEqual(routine, { service: 'web', services: ['web', 'api'], ps: 'web running', files: 4, secretName: false });
    // The container hook reached web by name over the stack network.
    equal(fetched, 'hello-from-web\n');

    // Secrets: absent without secrets: true; present with it (the hook wrote its hash), masked in output.
    equal(await readFile(join(home, 'var/run/no-secret.txt'), 'utf8'), '[unset]');
    equal((await readFile(join(home, 'var/run/with-secret.txt'), 'utf8')).trim(), createHash('sha256').update(SECRET).digest('hex'));
    match(deploy.stderr, /\[pre_deploy:with-secret\] token is \[redacted\]/);
    // Passed by name: --debug prints every docker argv, and the secret is in none of them, nor in any output.
    match(deploy.stderr, /docker run .* -e API_TOKEN .*--entrypoint \/bin\/sh/);
    for (const r of [dry, deploy, backup, destroy]) ok(!`${r.stdout}${r.stderr}`.includes(SECRET), 'the secret value was printed');
    deepStrictEqual(await filesHolding(home, SECRET, join(home, 'override.secrets.env')), [], 'a file holds the secret');

    // Every hook container is gone.
    const left = spawnSync('docker', ['ps', '-aq', '--filter', `label=io.harbor.project=${PROJECT}`], { encoding: 'utf8' }).stdout.trim();
    equal(left, '');
  });
});

function assert(value: boolean, message: string): void {
  ok(value, message);
}
