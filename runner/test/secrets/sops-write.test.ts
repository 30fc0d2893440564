// Encrypt/re-encrypt round trips in every store, IV reuse on edit, rotation, Shamir groups, and interop with the age CLI.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { armor } from 'age-encryption';
import { decryptSopsFile } from '../../src/secrets/sops-file';
import { encryptBranches, reencrypt } from '../../src/secrets/sops-write';
import { parsePlainDocument, parseSopsDocument, renderPlainDocument } from '../../src/secrets/core/sops-document';
import { selectSopsFormat } from '../../src/secrets/core/sops-format';
import { setAtPath } from '../../src/secrets/core/sops-path';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'sops');
const keyFile = join(fixtures, 'keys.txt');
const recipient = 'age15zxyegzysvxjatnh9ze03wsrfh6ypn0h87jgwu27m9f6u84eyguqga8xcp';
const env = { SOPS_AGE_KEY_FILE: keyFile, HOME: '/nonexistent' };
const plan = { groups: [[recipient]], threshold: 0, cryptRule: undefined, macOnlyEncrypted: false, source: 'test' };

const PLAINS: Record<string, string> = {
  'a.yaml': '# top\napp:\n    db:\n        user: eve\n        port: 5432\n        ratio: 1.5\n        enabled: true\n    hosts:\n        - a\n        - b\n    note: |\n        two\n        lines\n    secret_unencrypted: visible\nempty: ""\n---\nsecond: doc\n',
  'a.json': '{\n\t"a": "x\\u003cy\\u003e\\u0026z",\n\t"n": 12,\n\t"f": 0.5,\n\t"l": [\n\t\t1,\n\t\ttrue,\n\t\tnull\n\t],\n\t"o": {}\n}\n',
  'a.env': '# comment\nDB_PASSWORD=p@ss=word\nMULTI=line1\\nline2\nEMPTY=\n',
  'a.ini': '[db]\npassword = hunter2\nuser     = eve\n\n[app]\nkey = value\n',
  'a.bin': '\u0000\u00ff\u0080binary\n',
};

test('encrypt then decrypt gives back the plaintext in every store', async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'harbor-sops-'));
  for (const [name, plain] of Object.entries(PLAINS)) {
    const format = selectSopsFormat(name);
    const file = join(tmp, `enc-${name}`);
    const encrypted = await encryptBranches(parsePlainDocument(plain, format, name), format, plan);
    await writeFile(file, Buffer.from(encrypted, 'utf8'));
    for (const secret of ['eve', 'hunter2', 'p@ss', 'binary']) assert.ok(!encrypted.includes(secret), `${name} leaks ${secret}`);
    const d = await decryptSopsFile(file, env);
    assert.equal(renderPlainDocument(d.document.branches, d.format), plain, name);
  }
  assert.ok((await readFile(join(tmp, 'enc-a.yaml'), 'utf8')).includes('secret_unencrypted: visible'));
  await rm(tmp, { recursive: true });
});

test('re-encrypting keeps unchanged ciphertexts; rotating changes them all', async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'harbor-sops-'));
  const file = join(tmp, 's.sops.env');
  await writeFile(file, await encryptBranches(parsePlainDocument('A=1\nB=2\n', 'dotenv', 's'), 'dotenv', plan));
  const before = await readFile(file, 'utf8');
  const d = await decryptSopsFile(file, env);
  const edited = setAtPath(d.document.branches[0]!, ['B'], { type: 'str', value: '3' });
  const after = await reencrypt(d, [edited]);
  const line = (text: string, key: string) => text.split('\n').find((l) => l.startsWith(`${key}=`));
  assert.equal(line(after, 'A'), line(before, 'A'));
  assert.notEqual(line(after, 'B'), line(before, 'B'));
  const rotated = await reencrypt(d, d.document.branches, { newKey: true });
  assert.notEqual(line(rotated, 'A'), line(before, 'A'));
  await writeFile(file, rotated);
  assert.deepStrictEqual(renderPlainDocument((await decryptSopsFile(file, env)).document.branches, 'dotenv'), 'A=1\nB=2\n');
  await rm(tmp, { recursive: true });
});

test('key groups with a Shamir threshold: 2 of 3 groups open the file', async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'harbor-sops-'));
  const recipients = [1, 2].map((n) => {
    execFileSync('age-keygen', ['-o', join(tmp, `k${n}.txt`)], { stdio: 'pipe' });
    return execFileSync('age-keygen', ['-y', join(tmp, `k${n}.txt`)]).toString().trim();
  });
  const file = join(tmp, 'g.yaml');
  await writeFile(file, await encryptBranches(parsePlainDocument('k: v\n', 'yaml', 'g'), 'yaml', { ...plan, groups: [[recipient], [recipients[0]!], [recipients[1]!]], threshold: 2 }));
  const text = await readFile(file, 'utf8');
  assert.ok(text.includes('key_groups:') && text.includes('shamir_threshold: 2'));
  const keys = await readFile(keyFile, 'utf8');
  assert.equal(renderPlainDocument((await decryptSopsFile(file, { SOPS_AGE_KEY: `${keys}\n${await readFile(join(tmp, 'k2.txt'), 'utf8')}`, HOME: '/x' })).document.branches, 'yaml'), 'k: v\n');
  const oneGroup = await decryptSopsFile(file, env).then(() => 'opened', (e: Error) => e.message);
  assert.match(oneGroup, /could not decrypt the data key \(1 of the 2 key groups needed opened\)/);
  await rm(tmp, { recursive: true });
});

test('interop with the age CLI: Harbor stanzas open with `age -d`, and `age -e` output opens in Harbor', async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'harbor-sops-'));
  const encrypted = await encryptBranches(parsePlainDocument('x: z\n', 'yaml', 'x'), 'yaml', plan);
  const doc = parseSopsDocument(encrypted, 'yaml', 'x.yaml');
  const enc = doc.metadata.keyGroups[0]!.age[0]!.enc;
  await writeFile(join(tmp, 'enc.age'), enc);
  const dataKey = execFileSync('age', ['-d', '-i', keyFile, join(tmp, 'enc.age')]);
  assert.equal(dataKey.length, 32);
  // The other way: wrap a data key with the age CLI and put it in the file in place of Harbor's stanza.
  const armored = execFileSync('age', ['-e', '-a', '-r', recipient], { input: dataKey }).toString();
  assert.deepStrictEqual(armor.decode(armored).length > 0, true);
  const swapped = encrypted.replace(enc.trimEnd().split('\n').join('\n            '), armored.trimEnd().split('\n').join('\n            '));
  assert.notEqual(swapped, encrypted);
  await writeFile(join(tmp, 'x.yaml'), swapped);
  assert.equal(renderPlainDocument((await decryptSopsFile(join(tmp, 'x.yaml'), env)).document.branches, 'yaml'), 'x: z\n');
  await rm(tmp, { recursive: true });
});

test('crypt rules and mac_only_encrypted round trip, and clear values stay clear', async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'harbor-sops-'));
  const cases = [
    { rule: { name: 'encrypted_regex' as const, value: '^(password|token)$' }, macOnly: true, clear: 'user: eve', secret: 'hunter2' },
    { rule: { name: 'encrypted_comment_regex' as const, value: 'sops:enc' }, macOnly: false, clear: 'user: eve', secret: 'hunter2' },
    { rule: { name: 'unencrypted_suffix' as const, value: '_public' }, macOnly: false, clear: 'user_public: eve', secret: 'hunter2' },
  ];
  for (const c of cases) {
    const plain = c.rule.name === 'encrypted_comment_regex'
      ? `user: eve\n# sops:enc\npassword: ${c.secret}\n`
      : `${c.clear}\npassword: ${c.secret}\n`;
    const file = join(tmp, `${c.rule.name}.yaml`);
    await writeFile(file, await encryptBranches(parsePlainDocument(plain, 'yaml', 'r'), 'yaml', { ...plan, cryptRule: c.rule, macOnlyEncrypted: c.macOnly }));
    const text = await readFile(file, 'utf8');
    assert.ok(text.includes(c.clear) && !text.includes(c.secret), c.rule.name);
    assert.ok(text.includes(`${c.rule.name}: `), c.rule.name);
    assert.equal(renderPlainDocument((await decryptSopsFile(file, env)).document.branches, 'yaml'), plain, c.rule.name);
  }
  await rm(tmp, { recursive: true });
});
