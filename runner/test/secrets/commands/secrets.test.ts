// The `harbor secrets` commands end to end (spawned runner, temp home) and their secrets hygiene.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const fixtures = join(root, 'runner', 'test', 'fixtures', 'sops');
const RECIPIENT = 'age15zxyegzysvxjatnh9ze03wsrfh6ypn0h87jgwu27m9f6u84eyguqga8xcp';

function harbor(home: string, args: string[], extra: { env?: Record<string, string>; input?: string } = {}) {
  const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(root, 'runner', 'src', 'cli', 'main.ts'), ...args], {
    cwd: home,
    input: extra.input ?? '',
    env: { PATH: process.env.PATH ?? '', HOME: join(home, 'nohome'), HARBOR_HOME: home, NO_COLOR: '1', SOPS_AGE_KEY_FILE: join(home, 'keys.txt'), ...extra.env },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function home(): string {
  const dir = mkdtempSync(join(tmpdir(), 'harbor-secrets-'));
  copyFileSync(join(fixtures, 'keys.txt'), join(dir, 'keys.txt'));
  writeFileSync(join(dir, '.sops.yaml'), `creation_rules:\n  - path_regex: \\.sops\\.(env|yaml)$\n    age: ${RECIPIENT}\n`);
  return dir;
}

test('keygen writes a 0600 identity, prints its recipient, and never overwrites', () => {
  const dir = home();
  const r = harbor(dir, ['secrets', 'keygen', '--output', 'k.txt']);
  assert.equal(r.code, 0, r.stderr);
  const key = join(dir, 'k.txt');
  assert.equal(statSync(key).mode & 0o777, 0o600);
  const fromAge = spawnSync('age-keygen', ['-y', key], { encoding: 'utf8' }).stdout;
  assert.equal(r.stdout, fromAge);
  const before = readFileSync(key, 'utf8');
  const again = harbor(dir, ['secrets', 'keygen', '--output', 'k.txt']);
  assert.deepStrictEqual([again.code, again.stderr.split('\n')[0]], [5, `✖ ${key} already exists; not overwriting an identity file`]);
  assert.equal(readFileSync(key, 'utf8'), before);
  rmSync(dir, { recursive: true });
});

test('encrypt -i with the .sops.yaml rule, set from stdin, decrypt; the secret never reaches logs or errors', () => {
  const dir = home();
  const file = join(dir, 'app.sops.env');
  writeFileSync(file, 'USER=eve\n');
  assert.equal(harbor(dir, ['secrets', 'encrypt', '-i', 'app.sops.env']).code, 0);
  assert.ok(readFileSync(file, 'utf8').includes('sops_mac=ENC['));
  const again = harbor(dir, ['secrets', 'encrypt', '-i', 'app.sops.env']);
  assert.deepStrictEqual([again.code, again.stderr.split('\n')[0]], [5, '✖ app.sops.env: the file is already encrypted (it has sops metadata)']);
  const secret = 'S3cr3t-value-9f2c';
  const set = harbor(dir, ['secrets', 'set', 'app.sops.env', 'DB_PASSWORD', '--debug'], { input: `${secret}\n` });
  assert.equal(set.code, 0, set.stderr);
  assert.ok(!set.stderr.includes(secret) && !set.stdout.includes(secret));
  assert.ok(!readFileSync(file, 'utf8').includes(secret));
  const dec = harbor(dir, ['secrets', 'decrypt', 'app.sops.env', '--debug']);
  assert.deepStrictEqual([dec.code, dec.stdout], [0, `USER=eve\nDB_PASSWORD=${secret}\n`]);
  assert.ok(!dec.stderr.includes(secret));
  const out = harbor(dir, ['secrets', 'decrypt', 'app.sops.env', '--output', 'plain.env']);
  assert.equal(out.code, 0);
  assert.equal(statSync(join(dir, 'plain.env')).mode & 0o777, 0o600);
  rmSync(dir, { recursive: true });
});

test('edit: the editor gets a copy in /dev/shm, the copy is removed, unchanged values keep their ciphertext', () => {
  const dir = home();
  const file = join(dir, 'app.sops.env');
  writeFileSync(file, 'A=alpha-secret\nB=beta-secret\n');
  assert.equal(harbor(dir, ['secrets', 'encrypt', '-i', 'app.sops.env']).code, 0);
  const before = readFileSync(file, 'utf8');
  const editor = join(dir, 'editor.sh');
  const log = join(dir, 'editor.log');
  writeFileSync(editor, `#!/bin/sh\necho "$@" > ${log}\nsed -i 's/^B=.*/B=changed/' "$1"\n`);
  chmodSync(editor, 0o755);
  const r = harbor(dir, ['secrets', 'edit', 'app.sops.env', '--debug'], { env: { EDITOR: editor } });
  assert.equal(r.code, 0, r.stderr);
  const copy = readFileSync(log, 'utf8').trim();
  if (existsSync('/dev/shm')) assert.ok(copy.startsWith('/dev/shm/harbor-edit-'), copy);
  assert.equal(existsSync(copy), false);
  for (const s of ['alpha-secret', 'beta-secret', 'changed']) assert.ok(!r.stderr.includes(s) && !copy.includes(s));
  const after = readFileSync(file, 'utf8');
  const line = (t: string, k: string) => t.split('\n').find((l) => l.startsWith(`${k}=`));
  assert.equal(line(after, 'A'), line(before, 'A'));
  assert.notEqual(line(after, 'B'), line(before, 'B'));
  assert.equal(harbor(dir, ['secrets', 'decrypt', 'app.sops.env']).stdout, 'A=alpha-secret\nB=changed\n');
  rmSync(dir, { recursive: true });
});

test('a tampered file exits 51 naming the file, and prints no value', () => {
  const dir = home();
  copyFileSync(join(fixtures, 'tampered.enc.yaml'), join(dir, 't.yaml'));
  const r = harbor(dir, ['secrets', 'decrypt', 't.yaml']);
  assert.deepStrictEqual([r.code, r.stdout, r.stderr.split('\n')[0]], [51, '', `✖ ${join(dir, 't.yaml')}: MAC mismatch: the values do not match the MAC stored in the file`]);
  assert.ok(!r.stderr.includes('c4r1b0u'));
  rmSync(dir, { recursive: true });
});

test('updatekeys re-wraps for a new recipient (values and MAC kept); audit flags a dropped one; rotate changes every value', () => {
  const dir = home();
  const file = join(dir, 'app.sops.env');
  writeFileSync(file, 'A=alpha\n');
  assert.equal(harbor(dir, ['secrets', 'encrypt', '-i', 'app.sops.env']).code, 0);
  spawnSync('age-keygen', ['-o', join(dir, 'bob.txt')]);
  const bob = spawnSync('age-keygen', ['-y', join(dir, 'bob.txt')], { encoding: 'utf8' }).stdout.trim();
  writeFileSync(join(dir, '.sops.yaml'), `creation_rules:\n  - path_regex: \\.sops\\.env$\n    age: ${RECIPIENT},${bob}\n`);
  const before = readFileSync(file, 'utf8');
  const up = harbor(dir, ['secrets', 'updatekeys', 'app.sops.env']);
  assert.deepStrictEqual([up.code, up.stdout], [0, `+ ${bob}\n`]);
  const after = readFileSync(file, 'utf8');
  const keep = (t: string) => t.split('\n').filter((l) => /^(A|sops_mac|sops_lastmodified)=/.test(l));
  assert.deepStrictEqual(keep(after), keep(before));
  assert.equal(harbor(dir, ['secrets', 'decrypt', 'app.sops.env'], { env: { SOPS_AGE_KEY_FILE: join(dir, 'bob.txt') } }).stdout, 'A=alpha\n');
  writeFileSync(join(dir, '.sops.yaml'), `creation_rules:\n  - path_regex: \\.sops\\.env$\n    age: ${bob}\n`);
  const audit = harbor(dir, ['secrets', 'audit', '--json']);
  assert.equal(audit.code, 1);
  assert.deepStrictEqual(JSON.parse(audit.stdout), [{ file: 'app.sops.env', recipients: [RECIPIENT, bob], otherKeyTypes: [], stale: [RECIPIENT], missing: [] }]);
  const rot = harbor(dir, ['secrets', 'rotate', 'app.sops.env', '--rm-age', RECIPIENT], { env: { SOPS_AGE_KEY_FILE: join(dir, 'bob.txt') } });
  assert.equal(rot.code, 0, rot.stderr);
  const rotated = readFileSync(file, 'utf8');
  assert.notDeepStrictEqual(keep(rotated)[0], keep(after)[0]);
  assert.ok(!rotated.includes(RECIPIENT));
  assert.equal(harbor(dir, ['secrets', 'decrypt', 'app.sops.env']).code, 5);
  assert.equal(harbor(dir, ['secrets', 'audit']).code, 0);
  rmSync(dir, { recursive: true });
});
