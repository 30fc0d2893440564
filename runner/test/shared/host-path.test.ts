// The host-path guard against a fake mount table (the real one is only in the runner: tests/e2e/host-boundary.test.ts).
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { assertHostWritable, physicalPath, resolveHostPath } from '../../src/shared/host-path';
import { HostPathError } from '../../src/shared/core/host-path-error';
import { createFakeDeps } from '../support/fake-deps';

const line = (point: string, options: string) => `1 0 0:1 ${point} ${point} ${options} - ext4 /dev/vda rw`;

function fixture() {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'harbor-boundary-')));
  const home = join(root, 'harbor');
  const cwd = join(root, 'app');
  const elsewhere = join(root, 'elsewhere');
  for (const dir of [home, cwd, elsewhere]) mkdirSync(dir);
  const table = ['1 0 0:1 / / rw - overlay overlay rw', line(home, 'rw'), line(cwd, 'ro')].join('\n');
  const deps = { ...createFakeDeps(() => ({}), home), cwd, env: { HARBOR_IN_RUNNER: '1' }, readMountInfo: async () => table };
  return { root, home, cwd, elsewhere, table, deps };
}

describe('resolveHostPath', () => {
  test('a relative path resolves against the current directory and may be read there', async () => {
    const f = fixture();
    assert.equal(await resolveHostPath(f.deps, 'plain.env', 'read'), join(f.cwd, 'plain.env'));
  });

  test('writing into the read-only current directory is refused with the typed and the host path', async () => {
    const f = fixture();
    await assert.rejects(resolveHostPath(f.deps, 'out.env', 'write'), (err: HostPathError) => {
      assert.ok(err instanceof HostPathError);
      assert.equal(err.exitCode, 2);
      assert.match(err.message, new RegExp(`^out\\.env \\(${f.cwd}/out\\.env\\): the current directory is mounted read-only`));
      return true;
    });
  });

  test('an absolute path outside every mount is refused before anything is read', async () => {
    const f = fixture();
    const file = join(f.elsewhere, 'a.sops.env');
    await assert.rejects(resolveHostPath(f.deps, file, 'read'), {
      message: `${file}: outside the folders the runner can see (the Harbor home ${f.home} and the current directory ${f.cwd}); nothing was read`,
      hint: `run harbor from the file's folder (cd ${f.elsewhere} && harbor …) and name the file relative to it`,
    });
  });

  test('a symlink in the current directory pointing outside the mounts is judged by its target', async () => {
    const f = fixture();
    symlinkSync(join(f.elsewhere, 'real.env'), join(f.home, 'link.env'));
    await assert.rejects(resolveHostPath({ ...f.deps, cwd: f.home }, 'link.env', 'write'), /link\.env \(.*\): outside the folders/);
  });

  test('outside the runner (no HARBOR_IN_RUNNER) nothing is checked', async () => {
    const f = fixture();
    const file = join(f.elsewhere, 'x');
    assert.equal(await resolveHostPath({ ...f.deps, env: {} }, file, 'write'), file);
  });
});

describe('assertHostWritable (the safety net in every writing adapter)', () => {
  test('a write into the home passes; one into the runner-only filesystem is refused', async () => {
    const f = fixture();
    const io = { readMountInfo: async () => f.table };
    const env = { HARBOR_IN_RUNNER: '1', HARBOR_HOME: f.home, HARBOR_HOST_CWD: f.cwd };
    await assertHostWritable(join(f.home, 'var/run/.env.run'), io, env);
    await assert.rejects(assertHostWritable('/tmp/.config/sops/age/keys.txt', io, env), {
      message: `/tmp/.config/sops/age/keys.txt: outside the folders the runner can see (the Harbor home ${f.home} and the current directory ${f.cwd}); nothing was written`,
    });
  });
});

describe('physicalPath', () => {
  test('resolves the existing part and keeps the missing rest; follows a dangling symlink to its target', async () => {
    const f = fixture();
    writeFileSync(join(f.home, 'file'), '');
    symlinkSync(join(f.elsewhere, 'nope/target'), join(f.home, 'dangling'));
    symlinkSync(f.home, join(f.cwd, 'to-home'));
    assert.deepEqual(
      [await physicalPath(join(f.home, 'a/b/c')), await physicalPath(join(f.home, 'dangling')), await physicalPath(join(f.cwd, 'to-home/new.txt'))],
      [join(f.home, 'a/b/c'), join(f.elsewhere, 'nope/target'), join(f.home, 'new.txt')],
    );
  });
});
