// End-to-end tests of harbor.sh on the real engine, under dash, busybox sh and bash, with no node on PATH.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { requireDocker } from '../support/docker-available';
import { hostOnlyPath, recordingDockerPath, recordingToolsPath } from '../support/host-path';
import { REPO, SHIM, runHarbor } from '../support/run-harbor';

const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

/** The docker calls a recording wrapper saw, each as its argv. */
function dockerCalls(log: string): string[][] {
  return readFileSync(log, 'utf8').split('--call--\n').filter(Boolean).map((c) => c.trimEnd().split('\n'));
}

function runCall(log: string): string[] {
  const call = dockerCalls(log).find((argv) => argv[0] === 'run');
  assert.ok(call, 'harbor.sh ran no container');
  return call;
}

describe('harbor.sh', () => {
  test('the PATH the tests use has docker and shells but no node, npm or deno', () => {
    for (const tool of ['node', 'npm', 'npx', 'deno']) {
      const r = spawnSync('sh', ['-c', `command -v ${tool}`], { env: { PATH: hostOnlyPath() } });
      assert.notEqual(r.status, 0, `${tool} is on the test PATH`);
    }
    for (const tool of ['docker', 'dash', 'busybox', 'sha256sum']) {
      const r = spawnSync('sh', ['-c', `command -v ${tool}`], { env: { PATH: hostOnlyPath() } });
      assert.equal(r.status, 0, `${tool} is missing from the test PATH`);
    }
  });

  for (const shell of ['dash', 'busybox sh', 'bash']) {
    test(`--version under ${shell} prints the runner version and exits 0`, async (t) => {
      if (!requireDocker(t)) return;
      const r = await runHarbor(['--version'], { shell });
      assert.equal(r.stdout, `harbor ${VERSION}\n`, r.stderr);
      assert.equal(r.code, 0);
    });
  }

  test('checks the image against the runner sources by hash once, then by a stamp until a source changes', async (t) => {
    if (!requireDocker(t)) return;
    // A home holding a copy of the runner sources: the real image's label matches them until one is edited.
    const home = mkdtempSync(join(tmpdir(), 'harbor-stamp-'));
    for (const file of ['Dockerfile.runner', 'package.json', 'package-lock.json', 'tsconfig.json', 'runner/bundle.sh', 'runner/build.mjs', 'runner/boot.cjs', 'runner/src']) {
      cpSync(join(REPO, file), join(home, file), { recursive: true });
    }
    const log = join(home, 'calls.log');
    // docker build and run are recorded, not run (an edited copy must not replace the real image);
    // image inspect and sha256sum run for real, recorded.
    const path = recordingToolsPath(log, { docker: ['build', 'run'], sha256sum: [] });
    const stamp = join(home, 'var/run/runner-image.checked');
    const run = async () => {
      writeFileSync(log, '');
      // BUNDLE_FROM=source: the copy has no runner/dist, and the (recorded, not run) build never needs one.
      const r = await runHarbor(['--version'], { path, env: { HARBOR_HOME: home, HARBOR_BUNDLE_FROM: 'source' } });
      const calls = dockerCalls(log);
      return { r, hashed: calls.some((c) => c[0] === 'sha256sum'), built: calls.some((c) => c[0] === 'docker' && c[1] === 'build'), ran: calls.some((c) => c[0] === 'docker' && c[1] === 'run') };
    };
    const imageId = spawnSync('docker', ['image', 'inspect', '--format', '{{.Id}}', `harbor-runner:${VERSION}`], { encoding: 'utf8' }).stdout.trim();

    const first = await run();
    assert.deepEqual([first.hashed, first.built, first.ran], [true, false, true], first.r.stderr);
    assert.equal(readFileSync(stamp, 'utf8'), `${imageId}\n`);

    const second = await run();
    assert.deepEqual([second.hashed, second.built, second.ran], [false, false, true], 'an unchanged checkout is hashed again');

    // Saved again with the same content (after the stamp): hashed once more, no rebuild, the stamp renewed.
    const secondsAgo = (n: number) => new Date(Date.now() - n * 1000);
    const source = join(home, 'runner/src/shared/version.ts');
    utimesSync(stamp, secondsAgo(10), secondsAgo(10));
    utimesSync(source, secondsAgo(5), secondsAgo(5));
    const touched = await run();
    assert.deepEqual([touched.hashed, touched.built], [true, false]);
    assert.equal((await run()).hashed, false);

    utimesSync(stamp, secondsAgo(10), secondsAgo(10));
    appendFileSync(source, '// edited\n');
    const edited = await run();
    assert.deepEqual([edited.hashed, edited.built], [true, true], edited.r.stderr);
    assert.match(edited.r.stderr, /the runner sources changed since harbor-runner:\S+ was built/);
    assert.ok(!existsSync(stamp), 'a stamp for an image that no longer matches was kept');
  });

  test('the shim version matches package.json', () => {
    const shim = readFileSync(SHIM, 'utf8');
    assert.match(shim, new RegExp(`^HARBOR_SHIM_VERSION=${VERSION.replace(/\./g, '\\.')}$`, 'm'));
  });

  for (const shell of ['dash', 'busybox sh']) {
    test(`under ${shell}: the runner's exit code comes back (unknown command → 2, with a suggestion)`, async (t) => {
      if (!requireDocker(t)) return;
      const r = await runHarbor(['doctr'], { shell });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /✖ unknown command "doctr" \(did you mean doctor\?\)/);
      assert.equal(r.stdout, '');
    });
  }

  test('v1 order `harbor <service> <command>` is retried as `harbor <command> <service>`', async (t) => {
    if (!requireDocker(t)) return;
    const r = await runHarbor(['save', 'runner', '--help']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /runner save <file>/);
  });

  test('a HARBOR_HOME that is not a directory is a usage error from the shim itself', async () => {
    const r = await runHarbor(['--version'], { env: { HARBOR_HOME: '/nonexistent/harbor' } });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'harbor: error: HARBOR_HOME=/nonexistent/harbor is not a directory\n');
  });

  test('finds its home through a symlink, and starts in the working directory (mounted read-only outside the home)', async (t) => {
    if (!requireDocker(t)) return;
    const bin = realpathSync(mkdtempSync(join(tmpdir(), 'harbor-link-')));
    symlinkSync(SHIM, join(bin, 'harbor'));
    const log = join(bin, 'argv.log');
    const r = await runHarbor(['doctor', '--json'], { script: join(bin, 'harbor'), cwd: bin, path: recordingDockerPath(log) });
    const report = JSON.parse(r.stdout) as { checks: Array<{ name: string; message: string }> };
    const home = report.checks.find((c) => c.name === 'home');
    assert.match(home?.message ?? '', new RegExp(`^${REPO.replace(/\/$/, '')} is writable, mounted at the same path$`));
    const argv = runCall(log);
    // Outside the home, the working directory is shown at the same path, read-only for a command that writes nothing.
    assert.deepEqual(argv.slice(argv.indexOf('-w'), argv.indexOf('-w') + 2), ['-w', bin]);
    assert.ok(argv.includes(`type=bind,"source=${bin}","target=${bin}",readonly`), argv.join(' '));

    const inside = join(REPO, 'docs');
    mkdirSync(inside, { recursive: true });
    const log2 = join(bin, 'argv2.log');
    await runHarbor(['--version'], { cwd: inside, path: recordingDockerPath(log2) });
    const argv2 = runCall(log2);
    assert.equal(argv2[argv2.indexOf('-w') + 1], inside);
  });

  test('passes environment by name only, never a value on docker argv, and mounts the age key read-only', async (t) => {
    if (!requireDocker(t)) return;
    const dir = mkdtempSync(join(tmpdir(), 'harbor-env-'));
    const key = join(dir, 'keys.txt');
    writeFileSync(key, '# test key file (content never read by this test)\n', { mode: 0o600 });
    chmodSync(key, 0o600);
    const log = join(dir, 'argv.log');
    // Key-shaped, not a key; assembled at run time so the source holds no key-shaped literal.
    const secret = ['AGE-SECRET-KEY-1', 'NOTAREALKEYBUTSECRETSHAPED', '0'.repeat(32)].join('');
    const r = await runHarbor(['doctor', '--json'], {
      path: recordingDockerPath(log),
      env: { SOPS_AGE_KEY_FILE: key, HARBOR_PROBE_VALUE: 'value-that-must-not-leak', AGE_PRIVATE_KEY: secret, NO_COLOR: '1' },
    });
    const argv = runCall(log);
    const text = argv.join('\n');
    assert.ok(!text.includes('value-that-must-not-leak'), 'a HARBOR_* value reached docker argv');
    assert.ok(!text.includes(secret), 'a secret reached docker argv');
    for (const name of ['HARBOR_PROBE_VALUE', 'AGE_PRIVATE_KEY', 'SOPS_AGE_KEY_FILE', 'HARBOR_HOST_FACTS', 'HARBOR_HOME', 'NO_COLOR', 'DOCKER_HOST']) {
      assert.ok(argv.some((a, i) => a === '-e' && argv[i + 1] === name), `-e ${name} missing`);
    }
    assert.ok(argv.every((a, i) => a !== '-e' || !argv[i + 1]!.includes('=')), 'an -e NAME=value form was used');
    assert.ok(argv.includes(`type=bind,"source=${key}","target=${key}",readonly`), 'the age key is not mounted read-only at the same path');
    // The runner saw the key by name (doctor reports $AGE_PRIVATE_KEY first, never its content).
    const report = JSON.parse(r.stdout) as { checks: Array<{ name: string; status: string; message: string }> };
    assert.equal(report.checks.find((c) => c.name === 'age key')?.message, 'found at $AGE_PRIVATE_KEY');
    // The image's V8 code cache was made by its own Node and used (a rejected or missing one is a warning).
    assert.deepEqual(report.checks.find((c) => c.name === 'runner'), { name: 'runner', status: 'ok', message: `harbor runner ${VERSION} (in the runner container)` });
    assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret));
  });

  test('no TTY flag when stdout is a pipe; user and socket group are set', async (t) => {
    if (!requireDocker(t)) return;
    const dir = mkdtempSync(join(tmpdir(), 'harbor-tty-'));
    const log = join(dir, 'argv.log');
    await runHarbor(['--version'], { path: recordingDockerPath(log) });
    const argv = runCall(log);
    assert.ok(!argv.includes('-t') && !argv.includes('-it'), 'a TTY flag was passed under a pipe');
    assert.ok(argv.includes('-i') && argv.includes('--init') && argv.includes('--rm'));
    assert.equal(argv[argv.indexOf('--user') + 1], `${process.getuid!()}:${process.getgid!()}`);
    assert.ok(argv.includes('--group-add'));
    assert.ok(argv.includes('/var/run/docker.sock:/var/run/docker.sock'));
  });

  test('host facts reach the runner in one variable (a fake GPU host is reported by doctor)', async (t) => {
    if (!requireDocker(t)) return;
    const r = await runHarbor(['doctor', '--json'], { env: { HARBOR_HOST_FACTS: 'os=Linux arch=x86_64 nvidia_smi=1 nvidia_ctk=1 kfd=1' } });
    const report = JSON.parse(r.stdout) as { checks: Array<{ name: string; message: string }> };
    assert.equal(report.checks.find((c) => c.name === 'host')?.message, 'Linux x86_64; nvidia-smi, nvidia container toolkit, /dev/kfd');
  });
});
