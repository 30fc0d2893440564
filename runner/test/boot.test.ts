// runner/boot.cjs, the image's entry point: runs the bundle beside it as a CommonJS main module, through a
// V8 code cache when one is there and V8 accepts it, and exactly as without one otherwise.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const bootSource = fileURLToPath(new URL('../boot.cjs', import.meta.url));

// A stand-in bundle: reports what a CommonJS main module sees, and exits with the code it is asked for.
const FAKE_BUNDLE = `'use strict';
const args = process.argv.slice(2);
const seen = { args, filename: __filename, dirname: __dirname, exportsIsModuleExports: exports === module.exports, requireWorks: typeof require('node:path').join === 'function' };
process.stdout.write(JSON.stringify(seen) + '\\n');
process.exitCode = args[0] === 'fail' ? 7 : 0;
`;
// Preloaded with --require: prints the cache state boot.cjs recorded, after the bundle has run.
const PROBE = `process.on('exit', () => process.stderr.write('code cache: ' + globalThis.__harborCodeCache + '\\n'));`;

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function makeImageDir(bundle = FAKE_BUNDLE): string {
  const dir = mkdtempSync(join(tmpdir(), 'harbor-boot-'));
  dirs.push(dir);
  copyFileSync(bootSource, join(dir, 'boot.cjs'));
  writeFileSync(join(dir, 'harbor.cjs'), bundle);
  writeFileSync(join(dir, 'probe.cjs'), PROBE);
  return dir;
}

function boot(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--require', join(dir, 'probe.cjs'), join(dir, 'boot.cjs'), ...args], { encoding: 'utf8' });
  const cache = /code cache: (\S+)/.exec(r.stderr)?.[1];
  return { code: r.status, seen: r.stdout ? JSON.parse(r.stdout) : undefined, cache, stderr: r.stderr };
}

test('boot.cjs runs the bundle as a CommonJS main module, with the arguments and exit code passed through', () => {
  const dir = makeImageDir();
  const r = boot(dir, 'fail', '--json', 'a b');
  assert.equal(r.code, 7);
  assert.deepEqual(r.seen, {
    args: ['fail', '--json', 'a b'],
    filename: join(dir, 'harbor.cjs'),
    dirname: dir,
    exportsIsModuleExports: true,
    requireWorks: true,
  });
  assert.equal(r.cache, 'missing');
});

test('--write-code-cache runs the bundle with --help and writes a cache the next start uses', () => {
  const dir = makeImageDir();
  const written = boot(dir, '--write-code-cache');
  assert.equal(written.code, 0);
  assert.deepEqual(written.seen.args, ['--help']);
  assert.ok(statSync(join(dir, 'harbor.cjs.v8-cache')).size > 0);
  const r = boot(dir, 'deploy');
  assert.deepEqual([r.code, r.seen.args, r.cache], [0, ['deploy'], 'used']);
});

const rejected: Array<{ name: string; spoil: (dir: string) => void }> = [
  { name: 'a damaged cache file', spoil: (dir) => writeFileSync(join(dir, 'harbor.cjs.v8-cache'), 'not a V8 cache') },
  { name: 'a bundle changed after the cache was made', spoil: (dir) => writeFileSync(join(dir, 'harbor.cjs'), `${FAKE_BUNDLE}// changed\n`) },
];
for (const c of rejected) {
  test(`boot.cjs ignores ${c.name} and runs the bundle as usual`, () => {
    const dir = makeImageDir();
    boot(dir, '--write-code-cache');
    c.spoil(dir);
    const cache = readFileSync(join(dir, 'harbor.cjs.v8-cache'));
    const r = boot(dir, 'ps');
    assert.deepEqual([r.code, r.seen.args, r.cache], [0, ['ps'], 'rejected']);
    assert.deepEqual(readFileSync(join(dir, 'harbor.cjs.v8-cache')), cache, 'a normal start never rewrites the cache');
  });
}
