// Decrypting real sops files: every fixture F gives F.plain byte for byte, or fails with its expected error.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { decryptSopsFile } from '../../src/secrets/sops-file';
import { renderPlainDocument } from '../../src/secrets/core/sops-document';
import { HarborError } from '../../src/shared/core/errors';

const dir = join(import.meta.dirname, '..', 'fixtures', 'sops');
const env = { SOPS_AGE_KEY_FILE: join(dir, 'keys.txt'), HOME: '/nonexistent' };

async function outcome(file: string, e: Record<string, string | undefined> = env): Promise<string> {
  try {
    const d = await decryptSopsFile(file, e);
    return renderPlainDocument(d.document.branches, d.format);
  } catch (err) {
    if (!(err instanceof HarborError)) throw err;
    return `ERROR ${err.exitCode}: ${err.message}`;
  }
}

test('every fixture decrypts to its .plain, or fails with the EXPECT-ERROR text', async () => {
  const files = (await readdir(dir)).filter((f) => !f.endsWith('.plain') && f !== 'keys.txt' && f !== 'README.md').sort();
  assert.equal(files.length, 10);
  for (const f of files) {
    const expected = await readFile(join(dir, `${f}.plain`), 'utf8');
    const got = await outcome(join(dir, f));
    const m = /^EXPECT-ERROR: (.*)\n?$/.exec(expected);
    if (m) assert.ok(got.startsWith('ERROR') && got.toLowerCase().includes(m[1]!.toLowerCase()), `${f}: ${got}`);
    else assert.equal(got, expected, f);
  }
});

test('damaged files give their exact errors and leave the file as it was', async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'harbor-sops-'));
  const yaml = await readFile(join(dir, 'format.enc.yaml'), 'utf8');
  const flipped = yaml.replace('data:8CvE', 'data:9CvE');
  const cases = [
    { name: 'flipped.yaml', text: flipped, expected: (f: string) => `ERROR 5: ${f}: could not decrypt value at foo: cipher: message authentication failed` },
    { name: 'nomac.yaml', text: yaml.replace(/^ {4}mac: .*\n/m, ''), expected: (f: string) => `ERROR 51: ${f}: MAC mismatch: the file has no MAC` },
    { name: 'truncated.yaml', text: yaml.slice(0, 300), expected: (f: string) => `ERROR 5: ${f}: the sops metadata is incomplete (no sops.lastmodified; was the file truncated?)` },
    { name: 'truncated2.yaml', text: yaml.slice(0, 40), expected: (f: string) => `ERROR 5: ${f}: sops metadata not found` },
    {
      name: 'lastmod.yaml', text: yaml.replace('2026-05-22T20:16:23Z', '2026-05-22T20:16:24Z'),
      expected: (f: string) => `ERROR 51: ${f}: MAC mismatch: the stored MAC does not decrypt (was sops.lastmodified or sops.mac edited?)`,
    },
    {
      name: 'plainvalue.yaml', text: yaml.replace(/^foo: .*$/m, 'foo: now-in-clear'),
      expected: (f: string) => `ERROR 5: ${f}: could not decrypt value at foo: the value is not in the sops ENC[AES256_GCM,…] format`,
    },
  ];
  for (const c of cases) {
    const file = join(tmp, c.name);
    await writeFile(file, c.text);
    assert.equal(await outcome(file), c.expected(file), c.name);
    assert.equal(await readFile(file, 'utf8'), c.text, `${c.name} unchanged`);
  }
  await rm(tmp, { recursive: true });
});

test('identities: every source is tried, a recipient mismatch does not matter, a bad source is reported without its content', async () => {
  const key = (await readFile(join(dir, 'keys.txt'), 'utf8')).split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1'))!;
  const file = join(dir, 'format.enc.env');
  const cases: Array<{ name: string; env: Record<string, string>; ok: boolean }> = [
    { name: 'AGE_PRIVATE_KEY', env: { AGE_PRIVATE_KEY: key, HOME: '/nonexistent' }, ok: true },
    { name: 'SOPS_AGE_KEY with two keys on a line', env: { SOPS_AGE_KEY: `${key}  ${key}`, HOME: '/nonexistent' }, ok: true },
    { name: 'XDG default keys.txt', env: { XDG_CONFIG_HOME: '/nonexistent-xdg', HOME: '/nonexistent' }, ok: false },
  ];
  for (const c of cases) assert.equal((await outcome(file, c.env)).startsWith('ERROR'), !c.ok, c.name);
  const bad = await outcome(file, { SOPS_AGE_KEY: 'AGE-SECRET-KEY-1NOTAKEY secretish', HOME: '/nonexistent' });
  assert.equal(
    bad,
    `ERROR 5: ${file}: no age identity found to decrypt it (looked in AGE_PRIVATE_KEY, SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, SOPS_AGE_KEY_CMD, /nonexistent/.config/sops/age/keys.txt). Problems: SOPS_AGE_KEY:1: malformed age identity (bad bech32 encoding). The file is encrypted to age15zxyegzysvxjatnh9ze03wsrfh6ypn0h87jgwu27m9f6u84eyguqga8xcp`,
  );
});
