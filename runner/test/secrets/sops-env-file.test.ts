// readSopsEnvFile: the env layer's entry point to sops secrets (fixtures made by real sops).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readSopsEnvFile } from '../../src/secrets/sops-env-file';
import { HarborError } from '../../src/shared/core/errors';

const dir = join(import.meta.dirname, '..', 'fixtures', 'sops');
const env = { SOPS_AGE_KEY_FILE: join(dir, 'keys.txt'), HOME: '/nonexistent' };

test('readSopsEnvFile returns key → plaintext for dotenv, YAML and JSON sources', async () => {
  const cases = [
    { file: 'format.enc.env', expected: [['foo ', ' bar']] },
    { file: 'format.enc.yaml', expected: [['foo', 'bar']] },
    { file: 'format.enc.json', expected: [['foo', 'bar']] },
  ];
  for (const c of cases) assert.deepStrictEqual([...(await readSopsEnvFile(join(dir, c.file), env))], c.expected, c.file);
});

test('readSopsEnvFile errors: nested value, wrong key, MAC mismatch, no key, not an env file — without plaintext', async () => {
  const cases = [
    { file: 'example.yaml', env, message: `${join(dir, 'example.yaml')}: app2.db: nested values cannot be env variables (only flat key: value pairs)`, exit: 5 },
    { file: 'tampered.enc.yaml', env, message: `${join(dir, 'tampered.enc.yaml')}: MAC mismatch: the values do not match the MAC stored in the file`, exit: 51 },
    { file: 'format.enc.ini', env, message: `${join(dir, 'format.enc.ini')}: not an env source (use a .env, .yaml or .json sops file)`, exit: 5 },
    {
      file: 'wrong-key.enc.yaml', env,
      message: `${join(dir, 'wrong-key.enc.yaml')}: could not decrypt the data key: no identity matched any of the file's recipients. The file is encrypted to its age recipients (age17unzyp95te7dwp59zdh7k3eec4n02t7f7xcmwmuecukhwqduxp6s8yv4ej)`,
      exit: 5,
    },
    {
      file: 'format.enc.env', env: { HOME: '/nonexistent' },
      message: `${join(dir, 'format.enc.env')}: no age identity found to decrypt it (looked in AGE_PRIVATE_KEY, SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, SOPS_AGE_KEY_CMD, /nonexistent/.config/sops/age/keys.txt). The file is encrypted to age15zxyegzysvxjatnh9ze03wsrfh6ypn0h87jgwu27m9f6u84eyguqga8xcp`,
      exit: 5,
    },
  ];
  for (const c of cases) {
    const err = await readSopsEnvFile(join(dir, c.file), c.env).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof HarborError, c.file);
    assert.deepStrictEqual({ message: err.message, exit: err.exitCode }, { message: c.message, exit: c.exit });
    for (const secret of ['bar', 'c4r1b0u', 't00m4nys3cr3t']) assert.ok(!`${err.message} ${err.hint}`.includes(` ${secret}`), `${c.file} leaks`);
  }
});

test('readSopsEnvFile with ignoreMac reads a file whose MAC was removed; without it, the error says so', async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'harbor-sops-'));
  const file = join(tmp, 'nomac.yaml');
  const text = await readFile(join(dir, 'format.enc.yaml'), 'utf8');
  await writeFile(file, text.replace(/^ {4}mac: .*\n/m, ''));
  assert.deepStrictEqual([...(await readSopsEnvFile(file, env, { ignoreMac: true }))], [['foo', 'bar']]);
  const err = await readSopsEnvFile(file, env).then(() => undefined, (e: unknown) => e as HarborError);
  assert.deepStrictEqual([err?.message, err?.exitCode], [`${file}: MAC mismatch: the file has no MAC`, 51]);
  await rm(tmp, { recursive: true });
});
