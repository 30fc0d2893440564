// Cloudflare tunnels through ./harbor.sh on the real engine, with a FAKE cloudflared (no container here reaches
// Cloudflare: tests/fixtures/cloudflared-standin). Quick: up, URL + QR, idempotence, ls, stop, timeout, failure,
// destroy cleanup. Named: the token reaches cloudflared as a file and nowhere else.
import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EXAMPLE_ENV, makeExampleHome, removeExampleHome, type ExampleHome } from '../support/compose-home';
import { decodeTerminalQr } from '../../runner/test/support/decode-terminal-qr';
import { dockerAnswers, requireDocker } from '../support/docker-available';
import { REPO, SHIM, runHarbor } from '../support/run-harbor';

const STANDIN = 'harbor-test-cloudflared';
const BASE = process.env.HARBOR_NODE_IMAGE ?? process.env.CI_NODE_IMAGE ?? 'harbor-ci/node:20';
const token = `eyJ${randomBytes(24).toString('base64url')}`;
let example: ExampleHome;
let shim: string;
const env = (image = `${STANDIN}:ok`) => ({ ...EXAMPLE_ENV, NO_COLOR: '1', HARBOR_CLOUDFLARED_IMAGE: image });
const harbor = (args: string[], image?: string) => runHarbor(args, { script: shim, cwd: example.home, env: env(image) });
const docker = (...args: string[]) => spawnSync('docker', args, { encoding: 'utf8' });
const tunnelNames = () => docker('ps', '-a', '--filter', `label=io.harbor.project=${example.project}`, '--filter', 'label=io.harbor.tunnel', '--format', '{{.Names}}').stdout.split('\n').filter(Boolean).sort();

function buildStandin(mode: string): void {
  const r = docker('build', '-q', '-t', `${STANDIN}:${mode}`, '--build-arg', `MODE=${mode}`, '--build-arg', `BASE_IMAGE=${BASE}`, join(REPO, 'tests/fixtures/cloudflared-standin'));
  assert.equal(r.status, 0, r.stderr);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('harbor tunnel (quick and named) with a stand-in cloudflared', { skip: !dockerAnswers() && !process.env.CI }, () => {
  before(() => {
    if (!dockerAnswers()) return;
    example = makeExampleHome();
    shim = join(example.home, 'harbor.sh');
    copyFileSync(SHIM, shim);
    for (const mode of ['ok', 'hang', 'fail']) buildStandin(mode);
  });
  after(() => {
    if (!example) return;
    const left = tunnelNames();
    if (left.length) docker('rm', '-f', ...left);
    removeExampleHome(example);
  });

  test('before the stack runs: the missing network is named, nothing is left running', async (t) => {
    if (!requireDocker(t)) return;
    const r = await harbor(['tunnel', 'hello']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`cannot start cloudflared: network ${example.project}_harbor-network does not exist`));
    assert.match(r.stderr, /the stack is not running: start it first \(harbor up hello\)/);
    assert.deepEqual(tunnelNames(), []);
  });

  test('a quick tunnel: the URL on stdout, a QR code that decodes to it, the origin reached on the stack network', async (t) => {
    if (!requireDocker(t)) return;
    const up = await harbor(['deploy']);
    assert.equal(up.code, 0, up.stderr);
    const r = await harbor(['tunnel', 'hello']);
    assert.equal(r.code, 0, r.stderr);
    const url = r.stdout.trim();
    assert.match(url, /^https:\/\/[0-9a-f]{6}-stand-in-words\.trycloudflare\.com$/);
    assert.equal(decodeTerminalQr(r.stderr), url);
    const name = `${example.project}-tunnel-hello`;
    assert.deepEqual(tunnelNames(), [name]);
    const inspect = JSON.parse(docker('inspect', name).stdout)[0];
    assert.deepEqual(Object.keys(inspect.NetworkSettings.Networks), [`${example.project}_harbor-network`]);
    assert.deepEqual(inspect.Args.slice(1), ['tunnel', '--url', 'http://hello:80', '--metrics', '0.0.0.0:20241']);
    // The stand-in's "edge" forwards to --url: hello's page comes back through the tunnel's own address.
    const page = docker('exec', name, 'curl', '-fsS', 'http://127.0.0.1:8081/');
    assert.equal(page.status, 0, page.stderr);
    assert.match(page.stdout, /<html/i);
  });

  test('a second call prints the running tunnel URL and starts nothing', async (t) => {
    if (!requireDocker(t)) return;
    const id = docker('inspect', '-f', '{{.Id}}', `${example.project}-tunnel-hello`).stdout.trim();
    const first = (await harbor(['tunnel', 'ls', '--json'])).stdout;
    const again = await harbor(['tunnel', 'hello', '--no-qr']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /\(the tunnel was already running\)/);
    assert.equal(again.stdout.trim(), JSON.parse(first)[0].url);
    assert.equal(docker('inspect', '-f', '{{.Id}}', `${example.project}-tunnel-hello`).stdout.trim(), id);
  });

  test('tunnel ls: service, URL, status, container (table and JSON)', async (t) => {
    if (!requireDocker(t)) return;
    const json = await harbor(['tunnel', 'ls', '--json']);
    assert.equal(json.code, 0, json.stderr);
    const rows = JSON.parse(json.stdout);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].service, 'hello');
    assert.equal(rows[0].running, true);
    assert.equal(rows[0].target, 'http://hello:80');
    assert.equal(rows[0].container, `${example.project}-tunnel-hello`);
    assert.match(rows[0].url, /\.trycloudflare\.com$/);
    const table = await harbor(['tunnel', 'ls']);
    assert.match(table.stdout, /^SERVICE\s+URL\s+STATUS\s+CONTAINER\nhello\s+https:\/\/\S+\s+Up /);
  });

  test('net.tunnel.quick in a descriptor stage gives the same tunnel', async (t) => {
    if (!requireDocker(t)) return;
    const descriptor = join(example.home, 'etc/harbor.yaml');
    writeFileSync(descriptor, `${readFileSync(descriptor, 'utf8')}\nstages:\n  share:\n    steps:\n      - { action: net.tunnel.quick, service: hello, qr: false }\n`);
    const r = await harbor(['run', 'share']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /hello is public at https:\/\/\S+\.trycloudflare\.com \(already running\)/);
  });

  test('no URL within the timeout: cloudflared’s last lines, the container removed', async (t) => {
    if (!requireDocker(t)) return;
    const r = await harbor(['tunnel', 'greeter', '--timeout', '3'], `${STANDIN}:hang`);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`${example.project}-tunnel-greeter: cloudflared gave no public URL within 3s; the container was removed\\. Its last lines:`));
    assert.match(r.stderr, /Requesting new quick Tunnel on trycloudflare\.com\.\.\./);
    assert.deepEqual(tunnelNames(), [`${example.project}-tunnel-hello`]);
  });

  test('cloudflared exiting (no network to Cloudflare): its error, the container removed, no hang', async (t) => {
    if (!requireDocker(t)) return;
    const r = await harbor(['tunnel', 'greeter', '--timeout', '60'], `${STANDIN}:fail`);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /cloudflared stopped before it was ready; the container was removed/);
    assert.match(r.stderr, /failed to request quick Tunnel/);
    assert.deepEqual(tunnelNames(), [`${example.project}-tunnel-hello`]);
  });

  test('tunnel stop: by service; a name with no tunnel is a warning with the nearest', async (t) => {
    if (!requireDocker(t)) return;
    const typo = await harbor(['tunnel', 'stop', 'helo']);
    assert.equal(typo.code, 0, typo.stderr);
    assert.match(typo.stderr, /no tunnel to helo is running \(did you mean hello\?\)/);
    const usage = await harbor(['tunnel', 'stop']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /name the service whose tunnel to stop, or --all/);
    const r = await harbor(['tunnel', 'stop', 'hello']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`stopped the tunnel to hello \\(${example.project}-tunnel-hello\\)`));
    assert.deepEqual(tunnelNames(), []);
  });

  test('named tunnel: missing token and an unselected ingress service are exact errors; nothing starts', async (t) => {
    if (!requireDocker(t)) return;
    const descriptor = join(example.home, 'etc/harbor.yaml');
    const base = readFileSync(descriptor, 'utf8');
    writeFileSync(descriptor, `${base}\ntunnels:\n  named:\n    ingress:\n      - { hostname: app.example.test, service: hello }\n`);
    const missing = await harbor(['tunnel', 'named', 'up']);
    assert.equal(missing.code, 5, missing.stderr);
    assert.match(missing.stderr, /the named tunnel's token CLOUDFLARE_TUNNEL_TOKEN is not set in any env layer/);
    writeFileSync(descriptor, `${base}\ntunnels:\n  named:\n    ingress:\n      - { hostname: app.example.test, service: webui }\n`);
    writeFileSync(join(example.home, 'override.secrets.env'), `CLOUDFLARE_TUNNEL_TOKEN=${token}\n`, { mode: 0o600 });
    const unselected = await harbor(['tunnel', 'named', 'up']);
    assert.equal(unselected.code, 3, unselected.stderr);
    assert.match(unselected.stderr, /tunnels\.named\.ingress\[0\]\.service: "webui" is not in the selection \(selected: hello, greeter\)/);
    assert.deepEqual(tunnelNames(), []);
    writeFileSync(descriptor, `${base}\ntunnels:\n  named:\n    ingress:\n      - { hostname: app.example.test, service: hello }\n`);
  });

  test('named tunnel up: the token arrives as a file, and is in no argv, env, label, output or home file', async (t) => {
    if (!requireDocker(t)) return;
    const r = await harbor(['tunnel', 'named', 'up']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /named tunnel connected \(\S+-tunnel-named\): https:\/\/app\.example\.test/);
    const name = `${example.project}-tunnel-named`;
    const logs = docker('logs', name);
    assert.match(logs.stderr, new RegExp(`token sha256=${createHash('sha256').update(token).digest('hex')}`));
    assert.ok(!docker('inspect', name).stdout.includes(token), 'the token is in docker inspect');
    assert.ok(!`${r.stdout}${r.stderr}`.includes(token));
    const ingress = readFileSync(join(example.home, 'var/run/tunnels/ingress.yml'), 'utf8');
    assert.match(ingress, /hostname: app\.example\.test\n\s+service: http:\/\/hello:80/);
    for (const file of filesUnder(example.home).filter((f) => !f.endsWith('override.secrets.env'))) {
      assert.ok(!readFileSync(file).includes(token), `the token is in ${file}`);
    }
    // The edge routes by Host header, per the rendered ingress.
    const page = docker('exec', name, 'curl', '-fsS', '-H', 'Host: app.example.test', 'http://127.0.0.1:8081/');
    assert.equal(page.status, 0, page.stderr);
    const again = await harbor(['tunnel', 'named', 'up']);
    assert.match(again.stderr, /named tunnel already running/);
  });

  test('destroy stops every tunnel first, and the network goes', async (t) => {
    if (!requireDocker(t)) return;
    assert.equal((await harbor(['tunnel', 'hello', '--no-qr'])).code, 0);
    assert.equal(tunnelNames().length, 2);
    const r = await harbor(['destroy']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /stopped .*-tunnel-.* before compose down/);
    assert.deepEqual(tunnelNames(), []);
    assert.equal(docker('network', 'ls', '-q', '--filter', `name=${example.project}_harbor-network`).stdout.trim(), '');
  });
});
