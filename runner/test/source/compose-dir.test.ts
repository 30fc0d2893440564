import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readComposeDir } from '../../src/source/compose-dir';
import { DescriptorError } from '../../src/shared/core/errors';

const home = await mkdtemp(join(tmpdir(), 'harbor-compose-dir-'));
after(() => rm(home, { recursive: true, force: true }));

test('readComposeDir: file names directly in the directory, sorted; subdirectories are not files', async () => {
  await mkdir(join(home, 'etc/stacks/hello'), { recursive: true });
  for (const name of ['compose.yml', 'compose.x.a.b.yml', 'compose.a.yml']) await writeFile(join(home, 'etc/stacks', name), '');
  await writeFile(join(home, 'etc/stacks/hello/compose.inner.yml'), '');
  assert.deepStrictEqual(await readComposeDir(home, 'etc/stacks'), ['compose.a.yml', 'compose.x.a.b.yml', 'compose.yml']);
});

test('readComposeDir: a missing directory is a DescriptorError naming it, relative to the home', async () => {
  await assert.rejects(readComposeDir(home, 'etc/nowhere'), (err: unknown) => {
    assert.ok(err instanceof DescriptorError);
    assert.equal(err.message, 'compose directory etc/nowhere does not exist');
    assert.equal(err.hint, 'create etc/nowhere/ with a compose.yml (see etc/stacks in the Harbor repository), or set source.rules.dir in etc/harbor.yaml');
    assert.equal(err.exitCode, 3);
    return true;
  });
});

test('readComposeDir: a file where the directory should be', async () => {
  await writeFile(join(home, 'etc/plain'), '');
  await assert.rejects(readComposeDir(home, 'etc/plain'), { message: 'compose directory etc/plain is not a directory' });
});
