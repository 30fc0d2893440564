import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeRunEnvFile, RUN_ENV_FILE, writeRunEnvFile } from '../../src/env/run-env-file';
import { parseDotenv } from '../../src/env/core/parse-dotenv';

const home = () => mkdtempSync(join(tmpdir(), 'harbor-runenv-'));

test('writeRunEnvFile: mode 0600 whatever the umask, values read back as Compose reads them, no temp left', async () => {
  const path = join(home(), RUN_ENV_FILE);
  const env = { DB_PASSWORD: 'hunter2 $x\n"q"', PORT: '80' };
  const old = process.umask(0);
  try {
    await writeRunEnvFile(path, env);
  } finally {
    process.umask(old);
  }
  assert.equal(statSync(path).mode & 0o777, 0o600);
  const parsed = parseDotenv(readFileSync(path, 'utf8'), { file: path });
  assert.deepStrictEqual(Object.fromEntries(parsed.entries.map((e) => [e.key, e.value])), env);
  assert.deepStrictEqual(readdirSync(join(path, '..')), ['.env.run']);
});

test('writeRunEnvFile: replaces the file by rename (a new inode), never rewrites it in place', async () => {
  const path = join(home(), RUN_ENV_FILE);
  await writeRunEnvFile(path, { A: 'old' });
  const before = statSync(path).ino;
  await writeRunEnvFile(path, { A: 'new' });
  assert.notEqual(statSync(path).ino, before);
  assert.equal(readFileSync(path, 'utf8'), 'A=new\n');
});

test('writeRunEnvFile: a concurrent reader only ever sees a whole old or whole new file', async () => {
  const path = join(home(), RUN_ENV_FILE);
  const big = (c: string) => ({ FILL: c.repeat(1 << 20) });
  await writeRunEnvFile(path, big('a'));
  const expected = new Set([`FILL=${'a'.repeat(1 << 20)}\n`, `FILL=${'b'.repeat(1 << 20)}\n`]);
  const reader = spawn(process.execPath, ['-e', `
    const fs = require('node:fs'); let torn = 0;
    const ok = new Set([${[...expected].map((e) => JSON.stringify(e.length)).join(',')}]);
    for (let i = 0; i < 4000; i++) { const t = fs.readFileSync(${JSON.stringify(path)}, 'utf8'); if (!ok.has(t.length) || (t[5] !== t[t.length - 2])) torn++; }
    process.stdout.write(String(torn));`]);
  let out = '';
  reader.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  const done = new Promise<number>((resolve) => reader.on('close', (code) => resolve(code ?? 1)));
  for (let i = 0; i < 40; i++) await writeRunEnvFile(path, big(i % 2 ? 'a' : 'b'));
  assert.equal(await done, 0);
  assert.equal(out, '0', 'torn reads');
  assert.ok(expected.has(readFileSync(path, 'utf8')));
});

test('writeRunEnvFile: when the rename fails the old file stays and no temp file is left', async () => {
  const dir = join(home(), 'var/run');
  const path = join(dir, '.env.run');
  mkdirSync(join(path, 'occupied'), { recursive: true }); // a non-empty directory where the file should go
  writeFileSync(join(path, 'occupied', 'keep'), 'x');
  await assert.rejects(writeRunEnvFile(path, { A: '1' }));
  assert.deepStrictEqual(readdirSync(dir), ['.env.run']);
  assert.equal(readFileSync(join(path, 'occupied', 'keep'), 'utf8'), 'x');
});

test('removeRunEnvFile: removes the file; a missing file is fine', async () => {
  const path = join(home(), RUN_ENV_FILE);
  await writeRunEnvFile(path, { A: '1' });
  await removeRunEnvFile(path);
  assert.equal(existsSync(path), false);
  await removeRunEnvFile(path);
});
