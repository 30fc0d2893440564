// writeFileAtomic: modes whatever the umask, a kept mode, a missing folder, a failed write, a streamed writer.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeFileAtomic } from '../../src/shared/atomic-write';

const dir = () => mkdtempSync(join(tmpdir(), 'harbor-atomic-'));

async function withUmask<T>(mask: number, run: () => Promise<T>): Promise<T> {
  const old = process.umask(mask);
  try {
    return await run();
  } finally {
    process.umask(old);
  }
}

const modeCases: { name: string; existing?: number; options: Parameters<typeof writeFileAtomic>[2]; umask: number; expected: number }[] = [
  { name: 'no mode: what writeFile gives (0666 less the umask)', options: {}, umask: 0o027, expected: 0o640 },
  { name: 'a mode is exact whatever the umask', options: { mode: 0o600 }, umask: 0, expected: 0o600 },
  { name: 'a mode is exact under a strict umask', options: { mode: 0o644 }, umask: 0o077, expected: 0o644 },
  { name: 'keepMode: an existing file keeps its own', existing: 0o640, options: { mode: 0o644, keepMode: true }, umask: 0, expected: 0o640 },
  { name: 'keepMode: a new file gets mode', options: { mode: 0o600, keepMode: true }, umask: 0, expected: 0o600 },
];
for (const c of modeCases) {
  test(`writeFileAtomic: ${c.name}`, async () => {
    const path = join(dir(), 'f.txt');
    if (c.existing !== undefined) {
      writeFileSync(path, 'old');
      chmodSync(path, c.existing);
    }
    await withUmask(c.umask, () => writeFileAtomic(path, 'new', c.options));
    assert.deepEqual([readFileSync(path, 'utf8'), statSync(path).mode & 0o777, readdirSync(join(path, '..'))], ['new', c.expected, ['f.txt']]);
  });
}

test('writeFileAtomic: replaces by rename (a new inode), bytes as given', async () => {
  const path = join(dir(), 'f.bin');
  writeFileSync(path, 'old');
  const before = statSync(path).ino;
  await writeFileAtomic(path, new Uint8Array([0, 255, 10]), { sync: true });
  assert.notEqual(statSync(path).ino, before);
  assert.deepEqual([...readFileSync(path)], [0, 255, 10]);
});

test('writeFileAtomic: creates a missing folder (with its mode), or refuses to when createDir is false', async () => {
  const base = dir();
  await withUmask(0, () => writeFileAtomic(join(base, 'a/b/f'), 'x', { createDir: { mode: 0o700 } }));
  assert.deepEqual([readFileSync(join(base, 'a/b/f'), 'utf8'), statSync(join(base, 'a/b')).mode & 0o777], ['x', 0o700]);
  await assert.rejects(writeFileAtomic(join(base, 'c/f'), 'x', { createDir: false }), { code: 'ENOENT' });
  assert.equal(existsSync(join(base, 'c')), false);
});

test('writeFileAtomic: a failing rename leaves the target as it was and no temporary file', async () => {
  const base = dir();
  const path = join(base, 'target');
  mkdirSync(path); // a folder where the file should go: the rename fails (EISDIR)
  writeFileSync(join(path, 'inside'), 'kept');
  await assert.rejects(writeFileAtomic(path, 'x'));
  assert.deepEqual([readdirSync(base), readdirSync(path)], [['target'], ['inside']]);
});

test('writeFileAtomic: a writer function fills the temporary file; when it throws, nothing is left and the old file stays', async () => {
  const base = dir();
  const path = join(base, 'archive.tar');
  await writeFileAtomic(path, (temp) => writeFile(temp, 'streamed'), { mode: 0o644, createDir: false });
  assert.equal(readFileSync(path, 'utf8'), 'streamed');
  await assert.rejects(
    writeFileAtomic(path, async (temp) => {
      await writeFile(temp, 'half');
      throw new Error('docker save failed');
    }),
    { message: 'docker save failed' },
  );
  assert.deepEqual([readFileSync(path, 'utf8'), readdirSync(base)], ['streamed', ['archive.tar']]);
});
