import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { MEASURE_SCRIPT } from '../../src/size/measure-script';

// The script the size probe container runs, run here with this node on a folder made for it.
const dir = mkdtempSync(join(tmpdir(), 'harbor-size-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('sums file bytes: nested folders, a hard link once, symlinks not followed, missing paths 0', () => {
  mkdirSync(join(dir, 'a/b'), { recursive: true });
  writeFileSync(join(dir, 'a/one'), 'x'.repeat(100));
  writeFileSync(join(dir, 'a/b/two'), 'y'.repeat(250));
  linkSync(join(dir, 'a/b/two'), join(dir, 'a/two-again'));
  symlinkSync('/etc', join(dir, 'a/etc-link'));
  mkdirSync(join(dir, 'empty'));
  const out = execFileSync(process.execPath, ['-e', MEASURE_SCRIPT, join(dir, 'a'), join(dir, 'empty'), join(dir, 'missing'), join(dir, 'a/one')], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out), [350, 0, 0, 100]);
});
