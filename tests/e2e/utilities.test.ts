// The everyday utilities through ./harbor.sh on the real engine: svc commands, env set, health report, http.check,
// logs.tail, size (checked against `docker system df -v`) and destroy's var/run/ cleanup.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse, stringify } from 'yaml';
import { requireDocker, dockerAnswers } from '../support/docker-available';
import { EXAMPLE_ENV, makeExampleHome, removeExampleHome, type ExampleHome } from '../support/compose-home';
import { REPO, SHIM, runHarbor } from '../support/run-harbor';

let example: ExampleHome;
let shim: string;
// A secret only this run knows: the broken service prints it in its logs and its healthcheck output.
const secret = `s3cret-e2e-${process.pid}-${Date.now()}`;
const env = { ...EXAMPLE_ENV, NO_COLOR: '1' };

// Two services that cannot come up: one fails its healthcheck, one exits 3. Both print the secret.
const BROKEN = `services:
  broken:
    image: \${HARBOR_EXAMPLE_BASE_IMAGE:-busybox:stable}
    init: true
    command: ["sh", "-c", "echo starting with $$TOKEN; exec sleep 600"]
    environment:
      TOKEN: \${BROKEN_TOKEN}
    healthcheck:
      test: ["CMD-SHELL", "echo check failed for $$TOKEN; exit 1"]
      interval: 1s
      timeout: 2s
      retries: 2
  crasher:
    image: \${HARBOR_EXAMPLE_BASE_IMAGE:-busybox:stable}
    command: ["sh", "-c", "echo crashing with $$TOKEN; exit 3"]
    environment:
      TOKEN: \${BROKEN_TOKEN}
`;

before(() => {
  example = makeExampleHome();
  shim = join(example.home, 'harbor.sh');
  copyFileSync(SHIM, shim);
  // The repo's service helpers (stacks/hello, stacks/greeter) and a template, so destroy has something to clean.
  cpSync(join(REPO, 'stacks'), join(example.home, 'stacks'), { recursive: true });
  mkdirSync(join(example.home, 'stacks/hello/templates'), { recursive: true });
  writeFileSync(join(example.home, 'stacks/hello/templates/motd.txt'), 'hello\n');
  writeFileSync(join(example.home, 'etc/stacks/compose.broken.yml'), BROKEN);
  writeFileSync(join(example.home, 'override.secrets.env'), `BROKEN_TOKEN=${secret}\n`);
  const descriptor = parse(readFileSync(join(example.home, 'etc/harbor.yaml'), 'utf8'));
  descriptor.prepare.cleanOnDestroy = true;
  descriptor.post_deploy = {
    steps: [
      { action: 'http.check', url: 'http://hello/', timeout: 20 },
      { action: 'http.check', url: 'http://greeter/', status: 200 },
      { action: 'logs.tail', services: ['greeter'], lines: 3 },
      { action: 'svc.cmd', service: 'hello', command: 'visits' },
    ],
  };
  descriptor.stages = { 'check-missing': { steps: [{ action: 'http.check', url: 'http://greeter/missing', timeout: 2 }] } };
  writeFileSync(join(example.home, 'etc/harbor.yaml'), stringify(descriptor));
});
after(() => removeExampleHome(example));

const harbor = (args: string[], input?: string) => runHarbor(args, { script: shim, cwd: example.home, env, ...(input !== undefined && { input }) });

describe('utilities on the example stack', { skip: !dockerAnswers() && !process.env.CI }, () => {
  test('deploy runs post_deploy: http.check from the stack network, logs.tail, svc.cmd', async (t) => {
    if (!requireDocker(t)) return;
    const r = await harbor(['deploy']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /http:\/\/hello\/ answered 200/);
    assert.match(r.stderr, /http:\/\/greeter\/ answered 200/);
    assert.match(r.stderr, /last 3 log lines of greeter:/);
    // svc.cmd hello visits prints the counter (no visit yet).
    assert.match(r.stdout, /^0$/m);
  });

  test('http.check that gets the wrong status fails with both statuses', async (t) => {
    if (!requireDocker(t)) return;
    const r = await harbor(['run', 'check-missing']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /http\.check http:\/\/greeter\/missing answered 404, expected 200 within 2s \(\d+ tries, from network \S+_harbor-network\)/);
  });

  test('svc: --help lists the helpers; they run in the container, a one-off and the runner', async (t) => {
    if (!requireDocker(t)) return;
    const help = await harbor(['svc', 'hello', '--help']);
    assert.equal(help.code, 0, help.stderr);
    assert.equal(help.stdout, [
      'Commands of hello (harbor svc hello <command> [args]):',
      '  reset-visits  Set the visit counter back to 0 (or to the number given) [container]',
      "  status        Show hello's container state and health (runs in the runner, with docker compose at hand) [runner]",
      '  visits        Print the visit counter kept in the hello-data volume [container]',
      '',
    ].join('\n'));
    const reset = await harbor(['svc', 'hello', 'reset-visits', '5']);
    assert.equal(reset.code, 0, reset.stderr);
    assert.equal(reset.stdout, 'visits: 5\n');
    assert.equal((await harbor(['svc', 'hello', 'visits'])).stdout, '5\n');
    const status = await harbor(['svc', 'hello', 'status']);
    assert.equal(status.code, 0, status.stderr);
    assert.equal(status.stdout, 'hello running healthy\n');
    const say = await harbor(['svc', 'greeter', 'say', 'hi', 'there']);
    assert.equal(say.code, 0, say.stderr);
    assert.equal(say.stdout, 'Greetings from the greeter service\nyou said: hi there\n');
    const greeting = await harbor(['svc', 'greeter', 'greeting']);
    assert.equal(greeting.code, 0, greeting.stderr);
    assert.equal(greeting.stdout, 'Greetings from the greeter service\n');
    const unknown = await harbor(['svc', 'hello', 'visit']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /hello has no command "visit" \(did you mean visits\?\)/);
  });

  test('env set from stdin and argv writes the layer files; a secret name is refused', async (t) => {
    if (!requireDocker(t)) return;
    writeFileSync(join(example.home, 'etc/sys.env'), '# shared\nTZ=UTC # zone\n');
    const set = await harbor(['env', 'set', 'TZ'], 'Europe/Berlin\n');
    assert.equal(set.code, 0, set.stderr);
    assert.equal(readFileSync(join(example.home, 'etc/sys.env'), 'utf8'), '# shared\nTZ=Europe/Berlin # zone\n');
    const service = await harbor(['env', 'set', '--service', 'greeter', 'HARBOR_NOTE', 'two words']);
    assert.equal(service.code, 0, service.stderr);
    assert.equal(readFileSync(join(example.home, 'stacks/greeter/service.env'), 'utf8'), "HARBOR_NOTE='two words'\n");
    const refused = await harbor(['env', 'set', 'BROKEN_TOKEN', 'x']);
    assert.equal(refused.code, 4);
    assert.match(refused.stderr, /BROKEN_TOKEN is a secret \(set in override\.secrets\.env\)/);
    assert.match(refused.stderr, /harbor secrets set override\.secrets\.env BROKEN_TOKEN/);
    assert.equal(readFileSync(join(example.home, 'override.secrets.env'), 'utf8'), `BROKEN_TOKEN=${secret}\n`);
    const unset = await harbor(['env', 'unset', 'TZ']);
    assert.equal(unset.code, 0, unset.stderr);
    assert.equal(readFileSync(join(example.home, 'etc/sys.env'), 'utf8'), '# shared\n');
  });

  test('size --json matches docker system df -v; the shared base layers count once', async (t) => {
    if (!requireDocker(t)) return;
    const r = await harbor(['size', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    const hello = report.services.find((s: { service: string }) => s.service === 'hello');
    const greeter = report.services.find((s: { service: string }) => s.service === 'greeter');
    const df = JSON.parse(spawnSync('docker', ['system', 'df', '-v', '--format', '{{json .}}'], { encoding: 'utf8' }).stdout);
    const image = (id: string) => df.Images.find((i: { ID: string }) => i.ID === id);
    // docker rounds to a few significant digits ("183MB", "1.652MB"): equal within half its last digit.
    const near = (bytes: number, text: string, what: string) => assert.ok(Math.abs(bytes - parseSize(text)) <= lastDigit(text) / 2 + 1, `${what}: harbor ${bytes}, docker ${text}`);
    near(hello.image.bytes, image(hello.image.id).Size, 'hello image');
    near(greeter.image.bytes, image(greeter.image.id).Size, 'greeter image');
    // hello is built FROM greeter's image: together they take hello's size, not the sum.
    assert.equal(report.totals.images, hello.image.bytes);
    assert.ok(report.totals.images < hello.image.bytes + greeter.image.bytes);
    const volume = df.Volumes.find((v: { Name: string }) => v.Name === `${example.project}_hello-data`);
    assert.deepEqual(hello.volumes, [{ name: volume.Name, bytes: parseSize(volume.Size) }]);
    assert.equal(hello.volumes[0].bytes, 2); // "5\n", written by reset-visits
    for (const s of [hello, greeter]) {
      const container = df.Containers.find((c: { Names: string }) => c.Names === `${example.project}-${s.service}-1`);
      near(s.writable, container.Size.split(' ')[0], `${s.service} writable layer`);
    }
    assert.ok(report.totals.var > 0, 'var/ holds the rendered motd and the overlay');
    assert.equal(report.totals.total, report.totals.images + report.totals.writable + report.totals.volumes + report.totals.binds + report.totals.var);
    const text = await harbor(['size']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^SERVICE +IMAGE +WRITABLE +VOLUMES +HOST FOLDERS +TOTAL$/m);
    assert.match(text.stdout, /^images \(shared layers once\) +\S+$/m);
  });

  test('up: a service that fails its healthcheck or exits gets its logs and check output, secrets masked', async (t) => {
    if (!requireDocker(t)) return;
    const r = await harbor(['up', '--no-defaults', 'broken']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /✖ broken \(\S+-broken-1\): unhealthy \(its healthcheck fails\)/);
    assert.match(r.stderr, /last failing healthcheck \(exit 1\):\n +check failed for \[redacted\]/);
    assert.match(r.stderr, /starting with \[redacted\]/);
    assert.match(r.stderr, /✖ crasher \(\S+-crasher-1\): exited with code 3/);
    assert.match(r.stderr, /crashing with \[redacted\]/);
    assert.match(r.stderr, /compose up failed: broken \(unhealthy \(its healthcheck fails\)\), crasher \(exited with code 3\)/);
    assert.doesNotMatch(`${r.stdout}${r.stderr}`, new RegExp(secret));
  });

  test('destroy with prepare.cleanOnDestroy removes what prepare wrote into var/run/', async (t) => {
    if (!requireDocker(t)) return;
    assert.ok(existsSync(join(example.home, 'var/run/hello/config/motd.txt')));
    assert.ok(existsSync(join(example.home, 'var/run/overlays/harbor.gen.yml')));
    const r = await harbor(['destroy', '--volumes', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const removed = JSON.parse(r.stdout).removed.runFiles as string[];
    assert.ok(removed.includes('var/run/hello/config/motd.txt'), removed.join(' '));
    assert.ok(removed.includes('var/run/overlays/harbor.gen.yml'), removed.join(' '));
    assert.ok(!existsSync(join(example.home, 'var/run/hello/config/motd.txt')));
    assert.ok(!existsSync(join(example.home, 'var/run/overlays/harbor.gen.yml')));
    assert.ok(!existsSync(join(example.home, 'var/run/manifest.json')));
  });
});

/** The value of the last digit docker printed, in bytes: "183MB" → 1e6, "1.652MB" → 1e3. */
function lastDigit(text: string): number {
  const m = /^\d+(?:\.(\d+))?\s*(\S+)$/.exec(text.trim())!;
  return parseSize(`1${m[2]}`) / 10 ** (m[1]?.length ?? 0);
}

/** docker's decimal sizes ("1.652MB", "2B") in bytes. */
function parseSize(text: string): number {
  const m = /^([\d.]+)\s*(B|kB|KB|MB|GB|TB)$/.exec(text.trim());
  if (!m) throw new Error(`not a docker size: ${text}`);
  const unit = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 }[m[2] as 'B'];
  return Math.round(Number(m[1]) * unit);
}
