import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildTarOneFile } from '../../../src/tunnels/core/tar-one-file';

test('buildTarOneFile: GNU tar lists and extracts it (folder 0700, file with its mode and owner)', () => {
  const tar = buildTarOneFile({ dir: 'run/harbor', name: 'tunnel-token', content: new TextEncoder().encode('abc.def'), uid: 65532, gid: 65532, mode: 0o400 });
  strictEqual(tar.length % 512, 0);
  const list = spawnSync('tar', ['-tvf', '-', '--numeric-owner'], { input: tar, encoding: 'utf8' });
  strictEqual(list.status, 0, list.stderr);
  deepStrictEqual(list.stdout.trim().split('\n').map((l) => l.split(/\s+/).filter((_, i) => i < 3 || i === 5)), [
    ['drwx------', '65532/65532', '0', 'run/harbor/'],
    ['-r--------', '65532/65532', '7', 'run/harbor/tunnel-token'],
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'harbor-tar-'));
  try {
    const x = spawnSync('tar', ['-xf', '-', '-C', dir, '--no-same-owner'], { input: tar });
    strictEqual(x.status, 0, String(x.stderr));
    strictEqual(readFileSync(join(dir, 'run/harbor/tunnel-token'), 'utf8'), 'abc.def');
    strictEqual(statSync(join(dir, 'run/harbor/tunnel-token')).mode & 0o777, 0o400);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
