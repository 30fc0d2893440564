// The container boundary through ./harbor.sh (issues 19 and 20): every file Harbor writes for the user lands on
// the host where it says, the age key above all, and paths typed from any directory mean what they mean in the
// user's shell. A temporary host HOME, a working directory outside the Harbor home, the real engine.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dockerAnswers, requireDocker } from '../support/docker-available';
import { recordingDockerPath } from '../support/host-path';
import { REPO, runHarbor, type HarborRun } from '../support/run-harbor';

const HOME_DIR = REPO.replace(/\/$/, '');
const TINY_IMAGE = 'harbor-e2e-boundary/tiny:1';

let root: string;
/** The host user's HOME for these tests (no key in it to start with). */
let userHome: string;
/** A working directory outside the Harbor home, as a user's project folder. */
let app: string;

before(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'harbor-boundary-e2e-')));
  userHome = join(root, 'home');
  app = join(root, 'projects/app');
  mkdirSync(userHome);
  mkdirSync(app, { recursive: true });
});
after(() => {
  rmSync(root, { recursive: true, force: true });
  if (dockerAnswers()) spawnSync('docker', ['image', 'rm', '-f', TINY_IMAGE], { stdio: 'ignore' });
});

function harbor(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string; path?: string } = {}): Promise<HarborRun> {
  return runHarbor(args, { cwd: options.cwd ?? app, env: { HOME: userHome, NO_COLOR: '1', ...options.env }, input: options.input, path: options.path });
}

const mode = (path: string) => statSync(path).mode & 0o777;
/** The recipient a key file holds, computed on the host by age-keygen. */
const recipientOf = (key: string) => spawnSync('age-keygen', ['-y', key], { encoding: 'utf8' }).stdout.trim();

/** The argv of the `docker run` a recording wrapper saw. */
function runArgv(log: string): string[] {
  const call = readFileSync(log, 'utf8').split('--call--\n').map((c) => c.trimEnd().split('\n')).find((c) => c[0] === 'run');
  assert.ok(call, 'harbor.sh ran no container');
  return call;
}
const mounts = (argv: string[]) => argv.flatMap((a, i) => (argv[i - 1] === '--mount' ? [a] : []));
const bind = (path: string, rw: boolean) => `type=bind,"source=${path}","target=${path}"${rw ? '' : ',readonly'}`;

describe('secrets keygen writes the key on the host', () => {
  const defaultKey = () => join(userHome, '.config/sops/age/keys.txt');

  test('default path: ~/.config/sops/age/keys.txt, 0600 in a 0700 folder, and it decrypts what is encrypted to its recipient', async (t) => {
    if (!requireDocker(t)) return;
    const r = await harbor(['secrets', 'keygen']);
    assert.equal(r.code, 0, r.stderr);
    const key = defaultKey();
    assert.ok(existsSync(key), `no key at ${key} on the host`);
    assert.equal(r.stderr, `✔ wrote the age identity to ${key} (mode 0600); back it up (docs/Harbor-Secrets.md)\n`);
    assert.deepEqual([mode(key), mode(join(userHome, '.config/sops/age')), mode(join(userHome, '.config/sops')), mode(join(userHome, '.config'))], [0o600, 0o700, 0o700, 0o700]);
    const recipient = r.stdout.trim();
    assert.match(recipient, /^age1[0-9a-z]{58}$/);
    assert.equal(recipientOf(key), recipient, 'the file on the host is not the identity of the printed recipient');
    // Round trip through Harbor, from outside the home, reading the key from its host path.
    writeFileSync(join(app, 'roundtrip.env'), 'TOKEN=kept-on-the-host\n');
    const enc = await harbor(['secrets', 'encrypt', '--age', recipient, 'roundtrip.env', '--output', 'roundtrip.sops.env']);
    assert.equal(enc.code, 0, enc.stderr);
    const dec = await harbor(['secrets', 'decrypt', 'roundtrip.sops.env']);
    assert.deepEqual([dec.code, dec.stdout], [0, 'TOKEN=kept-on-the-host\n'], dec.stderr);
    assert.ok(!(enc.stderr + dec.stderr + dec.stdout).includes('AGE-SECRET-KEY-'), 'key material in the output');
  });

  test('a second keygen refuses and leaves the key unchanged', async (t) => {
    if (!requireDocker(t)) return;
    const key = defaultKey();
    const before = readFileSync(key);
    const r = await harbor(['secrets', 'keygen']);
    assert.deepEqual([r.code, r.stdout], [5, ''], r.stderr);
    assert.equal(r.stderr, `✖ ${key} already exists; not overwriting an identity file\n  pass --output <new path>, or keep using the existing key\n`);
    assert.ok(readFileSync(key).equals(before), 'the key changed');
  });

  test('SOPS_AGE_KEY_FILE (a folder that does not exist yet) is where the key lands; the default stays untouched', async (t) => {
    if (!requireDocker(t)) return;
    const key = join(root, 'keys/team/age.txt');
    const r = await harbor(['secrets', 'keygen'], { env: { SOPS_AGE_KEY_FILE: key, HOME: join(root, 'other-home') } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(recipientOf(key), r.stdout.trim());
    assert.deepEqual([mode(key), mode(join(root, 'keys/team'))], [0o600, 0o700]);
    assert.ok(!existsSync(join(root, 'other-home')), 'the default key folder was created');
  });

  test('--output relative to a directory outside the home: the file and its new folder, nothing else writable', async (t) => {
    if (!requireDocker(t)) return;
    const log = join(root, 'keygen-argv.log');
    const r = await harbor(['secrets', 'keygen', '--output', 'ci/ci-key.txt'], { path: recordingDockerPath(log) });
    assert.equal(r.code, 0, r.stderr);
    const key = join(app, 'ci/ci-key.txt');
    assert.equal(r.stderr, `✔ wrote the age identity to ${key} (mode 0600); back it up (docs/Harbor-Secrets.md)\n`);
    assert.deepEqual([recipientOf(key), mode(key), mode(join(app, 'ci'))], [r.stdout.trim(), 0o600, 0o700]);
    // The key's folder writable for this command; the current directory read-only; the default key read-only.
    const m = mounts(runArgv(log));
    assert.ok(m.includes(bind(join(app, 'ci'), true)), m.join('\n'));
    assert.ok(m.includes(bind(app, false)), m.join('\n'));
    assert.ok(m.includes(bind(defaultKey(), false)), m.join('\n'));

    const same = await harbor(['secrets', 'keygen', '-o', 'plain-key.txt']);
    assert.equal(same.code, 0, same.stderr);
    assert.equal(recipientOf(join(app, 'plain-key.txt')), same.stdout.trim());
  });

  test('with no HOME and no SOPS_AGE_KEY_FILE on the host, keygen refuses instead of writing into the runner', async (t) => {
    if (!requireDocker(t)) return;
    const r = await harbor(['secrets', 'keygen'], { env: { HOME: '' } });
    assert.deepEqual([r.code, r.stdout], [5, '']);
    assert.equal(r.stderr, '✖ no place for the key: HOME is not set on the host\n  pass --output <path>, or set SOPS_AGE_KEY_FILE\n');
  });

  test('a folder the user cannot write is refused with its host path, no stack trace', async (t) => {
    if (!requireDocker(t) || process.getuid?.() === 0) return;
    const locked = join(root, 'locked');
    mkdirSync(locked, { mode: 0o500 });
    const r = await harbor(['secrets', 'keygen', '--output', join(locked, 'k.txt')]);
    assert.equal(r.code, 5, r.stderr);
    assert.equal(r.stderr, `✖ ${join(locked, 'k.txt')}: cannot create the key there (permission denied)\n  pass --output <path> in a folder you can write\n`);
    assert.deepEqual(readdirSync(locked), []);
  });

  test('every other command sees the key read-only and no key folder', async (t) => {
    if (!requireDocker(t)) return;
    const log = join(root, 'decrypt-argv.log');
    const r = await harbor(['secrets', 'decrypt', 'roundtrip.sops.env'], { path: recordingDockerPath(log) });
    assert.equal(r.code, 0, r.stderr);
    const argv = runArgv(log);
    assert.deepEqual(mounts(argv).sort(), [bind(app, false), bind(defaultKey(), false)].sort());
    assert.equal(argv[argv.indexOf('-w') + 1], app);
  });
});

describe('paths typed from a directory outside the home mean what they mean in the shell', () => {
  let recipient: string;
  before(() => {
    recipient = recipientOf(join(userHome, '.config/sops/age/keys.txt'));
  });

  test('secrets encrypt, decrypt and set on relative and absolute paths; each file Harbor names exists on the host', async (t) => {
    if (!requireDocker(t) || !recipient) return;
    writeFileSync(join(app, 'plain.env'), 'DB_PASSWORD=first\n');
    const enc = await harbor(['secrets', 'encrypt', '--age', recipient, 'plain.env', '--output', 'app.sops.env']);
    assert.equal(enc.code, 0, enc.stderr);
    assert.equal(enc.stderr, `✔ encrypted plain.env into app.sops.env for 1 recipient(s) from --age\n`);
    assert.ok(existsSync(join(app, 'app.sops.env')));

    const absolute = join(app, 'abs.sops.env');
    const enc2 = await harbor(['secrets', 'encrypt', '--age', recipient, join(app, 'plain.env'), '--output', absolute]);
    assert.equal(enc2.code, 0, enc2.stderr);
    assert.ok(existsSync(absolute));

    const set = await harbor(['secrets', 'set', 'app.sops.env', 'DB_PASSWORD'], { input: 'second' });
    assert.equal(set.code, 0, set.stderr);
    assert.equal(set.stderr, '✔ set DB_PASSWORD in app.sops.env\n');
    const setAbs = await harbor(['secrets', 'set', absolute, 'API_KEY'], { input: 'abc' });
    assert.equal(setAbs.code, 0, setAbs.stderr);

    const dec = await harbor(['secrets', 'decrypt', 'app.sops.env']);
    assert.deepEqual([dec.code, dec.stdout], [0, 'DB_PASSWORD=second\n'], dec.stderr);
    const decAbs = await harbor(['secrets', 'decrypt', absolute, '--output', join(app, 'abs.plain.env')]);
    assert.equal(decAbs.code, 0, decAbs.stderr);
    assert.equal(decAbs.stderr, `✔ decrypted ${absolute} into ${join(app, 'abs.plain.env')} (mode 0600)\n`);
    assert.deepEqual([readFileSync(join(app, 'abs.plain.env'), 'utf8'), mode(join(app, 'abs.plain.env'))], ['DB_PASSWORD=first\nAPI_KEY=abc\n', 0o600]);

    const inPlace = join(app, 'inplace.env');
    writeFileSync(inPlace, 'X=1\n');
    const ip = await harbor(['secrets', 'encrypt', '-i', '--age', recipient, 'inplace.env']);
    assert.equal(ip.code, 0, ip.stderr);
    assert.match(readFileSync(inPlace, 'utf8'), /^X=ENC\[AES256_GCM,/);
  });

  test('unset, rotate, updatekeys and edit write the file the user named, in the current directory', async (t) => {
    if (!requireDocker(t) || !recipient) return;
    const file = join(app, 'app.sops.env');
    const unset = await harbor(['secrets', 'unset', 'app.sops.env', 'DB_PASSWORD']);
    assert.equal(unset.code, 0, unset.stderr);
    assert.equal((await harbor(['secrets', 'decrypt', 'app.sops.env'])).stdout, '');
    const before = readFileSync(file, 'utf8');
    const rotate = await harbor(['secrets', 'rotate', 'app.sops.env']);
    assert.equal(rotate.code, 0, rotate.stderr);
    assert.notEqual(readFileSync(file, 'utf8'), before);
    // A second recipient in a .sops.yaml found from the current directory, as sops finds it.
    const second = join(root, 'second.txt');
    spawnSync('age-keygen', ['-o', second], { stdio: 'ignore' });
    writeFileSync(join(app, '.sops.yaml'), `creation_rules:\n  - age: ${recipient},${recipientOf(second)}\n`);
    const update = await harbor(['secrets', 'updatekeys', 'app.sops.env']);
    assert.equal(update.code, 0, update.stderr);
    assert.match(readFileSync(file, 'utf8'), new RegExp(recipientOf(second)));
    // The editor runs in the runner on a copy in RAM; this one appends a line.
    const edit = await harbor(['secrets', 'edit', 'app.sops.env'], { env: { HARBOR_EDITOR: `sh -c 'echo EDITED=yes >> "$0"'` } });
    assert.equal(edit.code, 0, edit.stderr);
    assert.equal((await harbor(['secrets', 'decrypt', 'app.sops.env'])).stdout, 'EDITED=yes\n');
  });

  test('a .sops.yaml above the current directory is found as sops finds it (mounted read-only for secrets commands)', async (t) => {
    if (!requireDocker(t) || !recipient) return;
    const lib = join(root, 'projects/lib');
    mkdirSync(lib, { recursive: true });
    const config = join(root, 'projects/.sops.yaml');
    writeFileSync(config, `creation_rules:\n  - path_regex: \\.env$\n    age: ${recipient}\n`);
    writeFileSync(join(lib, 'plain.env'), 'B=2\n');
    const log = join(root, 'config-argv.log');
    const r = await harbor(['secrets', 'encrypt', 'plain.env', '--output', 'lib.sops.env'], { cwd: lib, path: recordingDockerPath(log) });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, `✔ encrypted plain.env into lib.sops.env for 1 recipient(s) from ${config}\n`);
    assert.ok(mounts(runArgv(log)).includes(bind(config, false)));
    assert.equal((await harbor(['secrets', 'decrypt', 'lib.sops.env'], { cwd: lib })).stdout, 'B=2\n');
  });

  test('descriptor schema --output writes into the current directory and names the host path', async (t) => {
    if (!requireDocker(t)) return;
    const r = await harbor(['descriptor', 'schema', '--output', 'harbor.schema.json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, `✔ wrote ${join(app, 'harbor.schema.json')}\n`);
    assert.ok(existsSync(join(app, 'harbor.schema.json')));
  });

  test('runner save writes the archive into the current directory (a tiny image stands in for the runner)', async (t) => {
    if (!requireDocker(t)) return;
    const ctx = join(root, 'tiny');
    mkdirSync(ctx);
    writeFileSync(join(ctx, 'hello.txt'), 'hi\n');
    writeFileSync(join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY hello.txt /hello.txt\n');
    assert.equal(spawnSync('docker', ['build', '-q', '-t', TINY_IMAGE, ctx], { stdio: 'ignore' }).status, 0);
    const r = await harbor(['runner', 'save', 'tiny.tar', '--image', TINY_IMAGE]);
    assert.equal(r.code, 0, r.stderr);
    const archive = join(app, 'tiny.tar');
    assert.match(r.stderr, new RegExp(`✔ saved ${TINY_IMAGE} to ${archive}; load it with \\./harbor\\.sh runner load ${archive}`));
    assert.ok(statSync(archive).size > 0);
    assert.ok(readdirSync(app).every((name) => !name.includes('.partial')), 'a partial archive was left');
  });

  test('a path outside the home and the current directory is refused before anything is read or written', async (t) => {
    if (!requireDocker(t)) return;
    const outside = join(root, 'outside');
    mkdirSync(outside, { recursive: true });
    const listing = () => readdirSync(outside).sort();
    const target = join(outside, 'out.sops.env');
    const r = await harbor(['secrets', 'encrypt', '--age', recipient, 'plain.env', '--output', target]);
    assert.deepEqual([r.code, r.stdout], [2, ''], r.stderr);
    assert.equal(r.stderr, `✖ ${target}: outside the folders the runner can see (the Harbor home ${HOME_DIR} and the current directory ${app}); nothing was written\n  run harbor from the file's folder (cd ${outside} && harbor …) and name the file relative to it\n`);
    assert.deepEqual(listing(), []);
    // A relative path that climbs out of the current directory: named as typed, with its host path.
    const up = await harbor(['secrets', 'decrypt', '../../outside/none.sops.env']);
    assert.equal(up.code, 2);
    assert.match(up.stderr, new RegExp(`^✖ \\.\\./\\.\\./outside/none\\.sops\\.env \\(${outside}/none\\.sops\\.env\\): outside the folders the runner can see`));
    const save = await harbor(['runner', 'save', join(outside, 'x.tar'), '--image', TINY_IMAGE]);
    assert.equal(save.code, 2, save.stderr);
    assert.deepEqual(listing(), []);
  });

  test('encrypt to stdout keeps the current directory read-only and changes nothing there', async (t) => {
    if (!requireDocker(t)) return;
    const before = readFileSync(join(app, 'app.sops.env'));
    const log = join(root, 'ro-argv.log');
    const r = await harbor(['secrets', 'encrypt', '--age', recipient, 'plain.env'], { path: recordingDockerPath(log) });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^DB_PASSWORD=ENC\[/);
    assert.ok(mounts(runArgv(log)).includes(bind(app, false)), 'encrypt to stdout got a writable current directory');
    assert.ok(readFileSync(join(app, 'app.sops.env')).equals(before));
  });
});

describe('from a subdirectory of the home, paths behave as before', () => {
  test('secrets encrypt and decrypt relative to it, no extra mount', async (t) => {
    if (!requireDocker(t)) return;
    mkdirSync(join(REPO, 'var/run'), { recursive: true });
    const sub = mkdtempSync(join(REPO, 'var/run/e2e-boundary-'));
    try {
      const recipient = recipientOf(join(userHome, '.config/sops/age/keys.txt'));
      writeFileSync(join(sub, 'plain.env'), 'A=1\n');
      const log = join(root, 'sub-argv.log');
      const enc = await harbor(['secrets', 'encrypt', '--age', recipient, 'plain.env', '--output', 'a.sops.env'], { cwd: sub, path: recordingDockerPath(log) });
      assert.equal(enc.code, 0, enc.stderr);
      const argv = runArgv(log);
      assert.deepEqual(mounts(argv), [bind(join(userHome, '.config/sops/age/keys.txt'), false)]);
      assert.equal(argv[argv.indexOf('-w') + 1], sub);
      const dec = await harbor(['secrets', 'decrypt', 'a.sops.env'], { cwd: sub });
      assert.deepEqual([dec.code, dec.stdout], [0, 'A=1\n'], dec.stderr);
    } finally {
      rmSync(sub, { recursive: true, force: true });
    }
  });
});

describe('a current directory harbor.sh does not mount', () => {
  test('from /tmp the runner starts in the home and a relative path is refused with the reason', async (t) => {
    if (!requireDocker(t)) return;
    const r = await harbor(['secrets', 'decrypt', 'x.sops.env'], { cwd: '/tmp' });
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      "✖ x.sops.env (/tmp/x.sops.env): the current directory /tmp is not visible to the runner (harbor.sh never mounts /, /tmp, /usr or another system folder over the runner's own); nothing was read\n" +
        `  run harbor from another folder (a subfolder of it works), or give a path inside the Harbor home (${HOME_DIR})\n`,
    );
  });
});
