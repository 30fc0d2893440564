// harbor.sh's host side of `open` and `--lan`, without the engine: its own functions (open_url, open_requested,
// lan_address) loaded from harbor.sh and run in each POSIX shell here, with stand-ins for the host's openers
// (xdg-open, open, wslview, a $BROWSER), for `uname` (to be macOS) and for `ip`/`hostname`. Each stand-in
// records its arguments; the real thing through ./harbor.sh is in open-qr-history.test.ts.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { SHIM } from '../support/run-harbor';
import { hostOnlyPath } from '../support/host-path';

/** The text of harbor.sh's function NAME: one line `NAME() { ...; }`, or from `NAME() {` to the first `}` alone on a line. */
function shimFunction(source: string, name: string): string {
  const start = source.indexOf(`\n${name}() {`);
  assert.ok(start >= 0, `harbor.sh has no function ${name}`);
  const lineEnd = source.indexOf('\n', start + 1);
  if (source.slice(start + 1, lineEnd).trimEnd().endsWith('}')) return source.slice(start + 1, lineEnd + 1);
  const end = source.indexOf('\n}\n', start + 1);
  return source.slice(start + 1, end + 3);
}

const source = readFileSync(SHIM, 'utf8');
const functions = ['say', 'open_url', 'open_requested', 'lan_address'].map((name) => shimFunction(source, name)).join('\n');
const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const shells = ['dash', 'bash', 'busybox sh'].filter((shell) => spawnSync(shell.split(' ')[0]!, [...shell.split(' ').slice(1), '-c', 'exit 0']).status === 0);

interface Stand {
  bin: string;
  record: string;
}

function stand(tools: Record<string, string>): Stand {
  const bin = mkdtempSync(join(tmpdir(), 'harbor-shim-open-'));
  dirs.push(bin);
  const record = join(bin, 'calls.log');
  for (const [name, body] of Object.entries(tools)) {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body.replaceAll('RECORD', JSON.stringify(record))}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  return { bin, record };
}

const recorder = (name: string) => `printf '${name} %s|%s|%s\\n' "$#" "$1" "$2" >>RECORD`;

function run(shell: string, s: Stand, script: string, env: Record<string, string> = {}) {
  const r = spawnSync(shell.split(' ')[0]!, [...shell.split(' ').slice(1), '-c', `${functions}\n${script}`], {
    encoding: 'utf8',
    env: { PATH: `${s.bin}:${hostOnlyPath()}`, HOME: '/nonexistent', ...env },
  });
  const calls = existsSync(s.record) ? readFileSync(s.record, 'utf8') : '';
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, calls };
}

/** open_requested on a requests file holding `lines`, after a runner that exited `code`. */
function openRequested(shell: string, s: Stand, lines: string, code: number, env: Record<string, string> = {}) {
  const file = join(s.bin, 'open.1');
  writeFileSync(file, lines);
  const r = run(shell, s, `HARBOR_OPEN_FILE=${file}; open_requested ${code}`, env);
  return { ...r, removed: !existsSync(file) };
}

for (const shell of shells) {
  describe(`harbor.sh opens URLs on the host (${shell})`, () => {
    test('xdg-open with a display gets each valid URL as one argument; the rest are refused with a word', () => {
      const s = stand({ 'xdg-open': recorder('xdg-open') });
      const r = openRequested(shell, s, "http://localhost:1/a?b=1&c=2\nfile:///etc/passwd\nhttp://x`id`\nhttp://a b\nhttps://ok.example\nhttp://x'$(id)'", 0, { DISPLAY: ':0' });
      assert.equal(r.calls, 'xdg-open 1|http://localhost:1/a?b=1&c=2|\nxdg-open 1|https://ok.example|\n');
      assert.equal(r.stdout, '');
      assert.equal(
        r.stderr,
        [
          "harbor: not opening 'file:///etc/passwd': not an http(s) URL",
          'harbor: not opening a URL with spaces, quotes or control characters',
          'harbor: not opening a URL with spaces, quotes or control characters',
          'harbor: not opening a URL with spaces, quotes or control characters',
          '',
        ].join('\n'),
      );
      assert.ok(r.removed, 'the requests file is removed');
    });

    test('no display on Linux: the URL is printed, xdg-open is not called', () => {
      const s = stand({ 'xdg-open': recorder('xdg-open') });
      const r = openRequested(shell, s, 'http://localhost:8080\n', 0);
      assert.equal(r.stdout, 'http://localhost:8080\n');
      assert.equal(r.calls, '');
    });

    test('nothing to open with: the URL is printed', () => {
      const s = stand({});
      const r = openRequested(shell, s, 'http://localhost:8080', 0, { DISPLAY: ':0' });
      assert.equal(r.stdout, 'http://localhost:8080\n');
    });

    test('$BROWSER comes first, with its arguments split on spaces and never evaluated', () => {
      const s = stand({ 'my-browser': recorder('my-browser'), 'xdg-open': recorder('xdg-open') });
      const r = openRequested(shell, s, 'http://localhost:8080\n', 0, { DISPLAY: ':0', BROWSER: 'my-browser --new-tab' });
      for (let i = 0; i < 50 && !existsSync(s.record); i++) spawnSync('sleep', ['0.1']);
      assert.equal(readFileSync(s.record, 'utf8'), 'my-browser 2|--new-tab|http://localhost:8080\n');
      assert.equal(r.stdout, '');
    });

    test('a $BROWSER that does not exist falls through to xdg-open', () => {
      const s = stand({ 'xdg-open': recorder('xdg-open') });
      const r = openRequested(shell, s, 'http://localhost:8080\n', 0, { DISPLAY: ':0', BROWSER: 'no-such-browser;touch /tmp/x' });
      assert.equal(r.calls, 'xdg-open 1|http://localhost:8080|\n');
    });

    test('macOS: open; WSL: wslview', () => {
      const mac = stand({ uname: 'echo Darwin', open: recorder('open'), 'xdg-open': recorder('xdg-open') });
      assert.equal(openRequested(shell, mac, 'http://localhost:1\n', 0).calls, 'open 1|http://localhost:1|\n');
      const wsl = stand({ wslview: recorder('wslview') });
      assert.equal(openRequested(shell, wsl, 'http://localhost:2\n', 0).calls, 'wslview 1|http://localhost:2|\n');
    });

    test('a failed or interrupted runner opens nothing, and the file is still removed', () => {
      for (const code of [1, 130]) {
        const s = stand({ 'xdg-open': recorder('xdg-open') });
        const r = openRequested(shell, s, 'http://localhost:8080\n', code, { DISPLAY: ':0' });
        assert.equal(r.calls, '', `exit ${code}`);
        assert.equal(r.stdout, '');
        assert.ok(r.removed);
      }
    });

    test('lan_address: ip route, else hostname -I, else nothing; never a non-address', () => {
      const ip = stand({ ip: 'echo "1.1.1.1 via 192.0.2.1 dev eth0 src 192.0.2.7 uid 1000"', hostname: 'echo 198.51.100.9' });
      assert.equal(run(shell, ip, 'lan_address').stdout, '192.0.2.7\n');
      const hostnameOnly = stand({ ip: 'exit 2', hostname: 'echo "198.51.100.9 fd00::1"' });
      assert.equal(run(shell, hostnameOnly, 'lan_address').stdout, '198.51.100.9\n');
      const none = stand({ ip: 'exit 2', hostname: 'exit 1' });
      assert.equal(run(shell, none, 'lan_address').stdout, '');
      const evil = stand({ ip: 'exit 2', hostname: 'echo "1.2.3.4;rm"' });
      assert.equal(run(shell, evil, 'lan_address').stdout, '');
    });
  });
}
