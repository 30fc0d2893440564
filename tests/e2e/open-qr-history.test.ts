// open, qr, url --lan and history through ./harbor.sh on the real engine, with stand-ins for the host's browser
// openers (`xdg-open`, a $BROWSER) and for `ip`/`hostname` (the LAN address), each named as a stand-in below.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse, stringify } from 'yaml';
import { requireDocker, dockerAnswers } from '../support/docker-available';
import { EXAMPLE_ENV, makeExampleHome, removeExampleHome, type ExampleHome } from '../support/compose-home';
import { SHIM, runHarbor } from '../support/run-harbor';
import { hostOnlyPath } from '../support/host-path';

let example: ExampleHome;
let shim: string;
let bin: string;
let record: string;
const env = { ...EXAMPLE_ENV, NO_COLOR: '1' };
// A value only this run knows, typed as `env set`'s VALUE: it must never reach var/history.jsonl.
const typed = `typed-value-${process.pid}-${Date.now()}`;

// A service with no published port, for the "publishes no port" error.
const QUIET = `services:
  quiet:
    image: \${HARBOR_EXAMPLE_BASE_IMAGE:-busybox:stable}
    init: true
    command: ["sleep", "600"]
    expose: ["8080"]
    networks: [harbor-network]
`;

function script(path: string, body: string): void {
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
}

before(() => {
  example = makeExampleHome();
  shim = join(example.home, 'harbor.sh');
  copyFileSync(SHIM, shim);
  writeFileSync(join(example.home, 'etc/stacks/compose.quiet.yml'), QUIET);
  const descriptor = parse(readFileSync(join(example.home, 'etc/harbor.yaml'), 'utf8'));
  descriptor.stages = {
    show: { steps: [{ action: 'open', target: ['hello', 'https://example.com/docs?a=1&b=2'] }] },
    'show-then-fail': { steps: [{ action: 'open', target: 'hello' }, { action: 'compose.exec', service: 'hello', command: ['sh', '-c', 'exit 7'] }] },
  };
  writeFileSync(join(example.home, 'etc/harbor.yaml'), stringify(descriptor));
  // Stand-ins: an `xdg-open` and a browser that record their arguments, one call a line.
  bin = mkdtempSync(join(tmpdir(), 'harbor-open-bin-'));
  record = join(bin, 'opened.log');
  script(join(bin, 'xdg-open'), `printf 'xdg-open %s|%s\\n' "$#" "$1" >>${JSON.stringify(record)}`);
  script(join(bin, 'my-browser'), `printf 'my-browser %s|%s|%s\\n' "$#" "$1" "$2" >>${JSON.stringify(record)}`);
});
after(() => {
  removeExampleHome(example);
  rmSync(bin, { recursive: true, force: true });
});

const harbor = (args: string[], extra: Record<string, string> = {}, path = `${bin}:${hostOnlyPath()}`) =>
  runHarbor(args, { script: shim, cwd: example.home, env: { ...env, ...extra }, path });
const opened = () => (existsSync(record) ? readFileSync(record, 'utf8') : '');
const resetOpened = () => rmSync(record, { force: true });

describe('open, qr, url --lan and history', { skip: !dockerAnswers() && !process.env.CI }, () => {
  let helloUrl = '';

  test('up --open starts the services and has xdg-open open the named one', async (t) => {
    if (!requireDocker(t)) return;
    resetOpened();
    const r = await harbor(['up', 'hello', 'quiet', '--open'], { DISPLAY: ':0' });
    assert.equal(r.code, 0, r.stderr);
    helloUrl = /^hello\s+(http:\/\/localhost:\d+)$/m.exec(r.stdout)?.[1] ?? '';
    assert.ok(helloUrl, r.stdout);
    assert.equal(opened(), `xdg-open 1|${helloUrl}\n`);
  });

  test('open SERVICE: xdg-open gets the URL as one argument; nothing on stdout', async (t) => {
    if (!requireDocker(t)) return;
    resetOpened();
    const r = await harbor(['open', 'hello'], { DISPLAY: ':0' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(opened(), `xdg-open 1|${helloUrl}\n`);
    assert.deepEqual(readdirOpenFiles(), [], 'the open-requests file is removed');
  });

  test('open with no display (and no $BROWSER) prints the URL instead', async (t) => {
    if (!requireDocker(t)) return;
    resetOpened();
    const r = await harbor(['open', 'hello']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${helloUrl}\n`);
    assert.equal(opened(), '');
  });

  test('$BROWSER wins, with its own arguments, even without a display', async (t) => {
    if (!requireDocker(t)) return;
    resetOpened();
    const r = await harbor(['open', 'hello'], { BROWSER: 'my-browser --new-tab' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    // The browser is started in the background: give it a moment.
    for (let i = 0; i < 50 && opened() === ''; i++) await new Promise((done) => setTimeout(done, 100));
    assert.equal(opened(), `my-browser 2|--new-tab|${helloUrl}\n`);
  });

  test('the descriptor\'s open action opens services and URLs; a failed run opens nothing and keeps its exit code', async (t) => {
    if (!requireDocker(t)) return;
    resetOpened();
    const r = await harbor(['run', 'show'], { DISPLAY: ':0' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(opened(), `xdg-open 1|${helloUrl}\nxdg-open 1|https://example.com/docs?a=1&b=2\n`);
    resetOpened();
    const failed = await harbor(['run', 'show-then-fail'], { DISPLAY: ':0' });
    assert.notEqual(failed.code, 0);
    assert.equal(opened(), '');
  });

  test('open: the exact errors (unknown service, no published port, no service)', async (t) => {
    if (!requireDocker(t)) return;
    resetOpened();
    const unknown = await harbor(['open', 'nope'], { DISPLAY: ':0' });
    assert.equal(unknown.code, 3, unknown.stderr);
    assert.match(unknown.stderr, /✖ unknown service "nope"( \(did you mean [^)]*\))?\n {2}known services are the compose\.<name>\.yml files in /);
    const quiet = await harbor(['open', 'quiet'], { DISPLAY: ':0' });
    assert.equal(quiet.code, 1, quiet.stderr);
    assert.match(quiet.stderr, /✖ service "quiet" publishes no port on the host\n {2}other containers reach it at http:\/\/quiet:8080 \(`harbor url -i quiet`\)/);
    const none = await harbor(['open'], { DISPLAY: ':0' });
    assert.equal(none.code, 2);
    assert.equal(opened(), '');
  });

  test('qr prints a QR code and the URL; url --lan / qr --lan use the address the shim found', async (t) => {
    if (!requireDocker(t)) return;
    const qr = await harbor(['qr', 'hello']);
    assert.equal(qr.code, 0, qr.stderr);
    assert.match(qr.stdout, /[█▀▄]/);
    assert.ok(qr.stdout.endsWith(`\n${helloUrl}\n`), qr.stdout);
    // Stand-in `ip`: the route out leaves from 192.0.2.7.
    const lanBin = mkdtempSync(join(tmpdir(), 'harbor-lan-bin-'));
    try {
      script(join(lanBin, 'ip'), `echo "1.1.1.1 via 192.0.2.1 dev eth0 src 192.0.2.7 uid $(id -u)"`);
      const port = new URL(helloUrl).port;
      const url = await harbor(['url', '--lan', 'hello'], {}, `${lanBin}:${hostOnlyPath()}`);
      assert.equal(url.code, 0, url.stderr);
      assert.equal(url.stdout, `http://192.0.2.7:${port}\n`);
      const lanQr = await harbor(['qr', 'hello', '--lan'], {}, `${lanBin}:${hostOnlyPath()}`);
      assert.equal(lanQr.code, 0, lanQr.stderr);
      assert.ok(lanQr.stdout.endsWith(`\nhttp://192.0.2.7:${port}\n`));
      const host = await harbor(['url', 'hello', '--host', 'box.lan']);
      assert.equal(host.stdout, `http://box.lan:${port}\n`);
      // Stand-ins that find nothing: no route, and `hostname -I` fails.
      script(join(lanBin, 'ip'), 'exit 2');
      script(join(lanBin, 'hostname'), 'exit 1');
      const none = await harbor(['qr', 'hello', '--lan'], {}, `${lanBin}:${hostOnlyPath()}`);
      assert.equal(none.code, 2);
      assert.equal(none.stdout, '');
      assert.match(none.stderr, /✖ no LAN address found\n {2}.*give the address yourself with --host ADDR/);
      const both = await harbor(['url', '-i', '--lan', 'hello']);
      assert.equal(both.code, 2);
      assert.match(both.stderr, /✖ url: -i \(the stack network address\) cannot be combined with --lan or --host/);
    } finally {
      rmSync(lanBin, { recursive: true, force: true });
    }
  });

  test('history records every run (never a typed value), lists, re-runs and clears', async (t) => {
    if (!requireDocker(t)) return;
    const set = await harbor(['env', 'set', 'HARBOR_NOTE', typed]);
    assert.equal(set.code, 0, set.stderr);
    const file = join(example.home, 'var/history.jsonl');
    const text = readFileSync(file, 'utf8');
    assert.ok(!text.includes(typed), 'the typed value is not in the history');
    const list = await harbor(['history', '--json']);
    assert.equal(list.code, 0, list.stderr);
    const entries = JSON.parse(list.stdout) as Array<{ n: number; argv: string[]; exit: number; durationMs: number; cwd: string }>;
    const words = entries.map((e) => `${e.argv.join(' ')} => ${e.exit}`);
    assert.ok(words.includes('up hello quiet --open => 0'), words.join('\n'));
    assert.ok(words.includes('open nope => 3'), words.join('\n'));
    assert.ok(words.includes('qr hello --lan => 2'), words.join('\n'));
    assert.ok(words.includes('env set HARBOR_NOTE [redacted] => 0'), words.join('\n'));
    assert.ok(!words.some((w) => w.startsWith('history')), 'history itself is not recorded');
    assert.ok(entries.every((e) => e.cwd === example.home && e.durationMs >= 0));
    const last = await harbor(['history', '-n', '2']);
    assert.equal(last.code, 0, last.stderr);
    assert.equal(last.stdout.trim().split('\n').length, 2);
    assert.match(last.stdout, /harbor env set HARBOR_NOTE '\[redacted\]'\n$/);
    // Re-run `url hello --host box.lan`: recorded as itself.
    const urlEntry = entries.find((e) => e.argv.join(' ') === 'url hello --host box.lan')!;
    const again = await harbor(['history', 'run', String(urlEntry.n)]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^http:\/\/box\.lan:\d+\n$/);
    assert.match(again.stderr, /running again: harbor url hello --host box\.lan/);
    const after = JSON.parse((await harbor(['history', '--json', '-n', '1'])).stdout) as Array<{ argv: string[] }>;
    assert.deepEqual(after.map((e) => e.argv), [['url', 'hello', '--host', 'box.lan']]);
  });

  test('history: the exact errors, and --clear', async (t) => {
    if (!requireDocker(t)) return;
    const missing = await harbor(['history', 'run', '99999']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /✖ history: no entry 99999\n/);
    const bad = await harbor(['history', 'run', 'x']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /✖ history: "x" is not an entry number \(a whole number from 1, as `harbor history` lists them\)/);
    const badN = await harbor(['history', '-n', '0']);
    assert.equal(badN.code, 2);
    assert.match(badN.stderr, /✖ history: --count: must be a whole number from 1\n/);
    const entries = JSON.parse((await harbor(['history', '--json'])).stdout) as Array<{ n: number; argv: string[] }>;
    const redacted = entries.find((e) => e.argv[0] === 'env')!;
    const refused = await harbor(['history', 'run', String(redacted.n)]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, new RegExp(`✖ history: entry ${redacted.n} held a value Harbor did not record \\(\\[redacted\\]\\); it cannot be run again`));
    const clear = await harbor(['history', '--clear']);
    assert.equal(clear.code, 0, clear.stderr);
    assert.equal(readFileSync(join(example.home, 'var/history.jsonl'), 'utf8'), '');
  });

  test('Ctrl-C on a command that may open: exit 130, recorded, nothing opened', async (t) => {
    if (!requireDocker(t)) return;
    resetOpened();
    const descriptor = parse(readFileSync(join(example.home, 'etc/harbor.yaml'), 'utf8'));
    descriptor.stages.slow = { steps: [{ action: 'open', target: 'hello' }, { action: 'compose.exec', service: 'hello', command: ['sleep', '60'] }] };
    writeFileSync(join(example.home, 'etc/harbor.yaml'), stringify(descriptor));
    const child = spawn('sh', [shim, 'run', 'slow'], { cwd: example.home, env: { PATH: `${bin}:${hostOnlyPath()}`, HOME: process.env.HOME ?? '/root', DISPLAY: ':0', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    for (let i = 0; i < 150 && !/open hello/.test(out); i++) await new Promise((r) => setTimeout(r, 100));
    assert.match(out, /open hello/, 'the stage never started');
    await new Promise((r) => setTimeout(r, 1000));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    child.kill('SIGINT');
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000))]);
    assert.equal(code, 130, out);
    assert.equal(opened(), '');
    const left = spawnSync('docker', ['ps', '--filter', 'label=io.harbor.runner=1', '--filter', `volume=${example.home}`, '-q'], { encoding: 'utf8' }).stdout.trim();
    assert.equal(left, '', 'a runner container is still running');
    const entries = JSON.parse((await harbor(['history', '--json', '-n', '1'])).stdout) as Array<{ argv: string[]; exit: number }>;
    assert.deepEqual(entries.map((e) => [e.argv, e.exit]), [[['run', 'slow'], 130]]);
  });
});

function readdirOpenFiles(): string[] {
  const dir = join(example.home, 'var/run/.harbor');
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.startsWith('open.')) : [];
}
