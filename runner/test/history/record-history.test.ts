import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { HISTORY_PATH, parseHistory } from '../../src/history/core/history-entry';
import { clearHistory, readHistory, recordHistory } from '../../src/history/record-history';
import { startRunRecord } from '../../src/history/run-record';

const homes: string[] = [];
const home = () => {
  const dir = mkdtempSync(join(tmpdir(), 'harbor-history-'));
  homes.push(dir);
  mkdirSync(join(dir, 'var'));
  return dir;
};
after(() => homes.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const base = { time: '2026-01-01T00:00:00.000Z', exit: 0, durationMs: 1, cwd: '/x' };

test('records, numbers, trims to the size and clears', async () => {
  const dir = home();
  for (let i = 1; i <= 5; i++) await recordHistory(dir, { ...base, argv: ['ps', String(i)] }, 3);
  const entries = await readHistory(dir);
  assert.deepEqual(entries.map((e) => [e.n, e.argv[1]]), [[3, '3'], [4, '4'], [5, '5']]);
  assert.equal(existsSync(join(dir, `${HISTORY_PATH}.lock`)), false, 'the lock is released');
  assert.equal(statSync(join(dir, HISTORY_PATH)).mode & 0o777, 0o600, 'trimmed: still 0600');
  await recordHistory(dir, { ...base, argv: ['ps'] }, 0);
  assert.equal((await readHistory(dir)).length, 3, 'size 0 records nothing');
  await clearHistory(dir);
  assert.equal(readFileSync(join(dir, HISTORY_PATH), 'utf8'), '');
  assert.equal(statSync(join(dir, HISTORY_PATH)).mode & 0o777, 0o600, 'cleared: still 0600');
  await recordHistory(dir, { ...base, argv: ['ps'] }, 3);
  assert.equal((await readHistory(dir))[0]!.n, 1, 'numbering restarts after --clear');
});

test('a folder without var/ (not a home yet) keeps no history and gets no var/', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'harbor-history-bare-'));
  homes.push(dir);
  await recordHistory(dir, { ...base, argv: ['up', '--dry-run'] }, 10);
  assert.deepEqual(readdirSync(dir), []);
});

test('a stale lock (a crashed writer) is taken over', async () => {
  const dir = home();
  await recordHistory(dir, { ...base, argv: ['a'] }, 10);
  const { utimesSync } = await import('node:fs');
  mkdirSync(join(dir, `${HISTORY_PATH}.lock`));
  const old = new Date(Date.now() - 60_000);
  utimesSync(join(dir, `${HISTORY_PATH}.lock`), old, old);
  await recordHistory(dir, { ...base, argv: ['b'] }, 10);
  assert.deepEqual((await readHistory(dir)).map((e) => e.argv[0]), ['a', 'b']);
});

test('startRunRecord: redacts, skips `history`, records the re-run argv once', async () => {
  const dir = home();
  const log = { warn: (m: string) => warnings.push(m), debug: () => undefined };
  const warnings: string[] = [];
  const deps = { home: dir, cwd: '/work/here', env: {}, log };
  const run = startRunRecord(deps, ['env', 'set', 'GREETING', 'top-secret-value']);
  await run.finish(0);
  await run.finish(130);
  await startRunRecord(deps, ['history', '-n', '3']).finish(0);
  const rerun = startRunRecord(deps, ['history', 'run', '1']);
  rerun.recordAs(['ps', 'hello']);
  await rerun.finish(3);
  await startRunRecord({ ...deps, env: { HARBOR_HISTORY_SIZE: 'many' } }, ['ps']).finish(0);
  const text = readFileSync(join(dir, HISTORY_PATH), 'utf8');
  assert.ok(!text.includes('top-secret-value'), 'the value is never written');
  assert.deepEqual(parseHistory(text).map((e) => [e.argv.join(' '), e.exit, e.cwd]), [
    ['env set GREETING [redacted]', 0, '/work/here'],
    ['ps hello', 3, '/work/here'],
    ['ps', 0, '/work/here'],
  ]);
  assert.deepEqual(warnings, ['HARBOR_HISTORY_SIZE="many" is not a whole number from 0 to 9999999: keeping the default 1000 entries']);
});

test('finish called twice (Ctrl-C: the signal path and the normal one) writes once, and both wait for it', async () => {
  const dir = home();
  const run = startRunRecord({ home: dir, cwd: '/', env: {}, log: { warn: () => undefined, debug: () => undefined } }, ['logs', 'hello']);
  const first = run.finish(130);
  const second = run.finish(1);
  await second;
  assert.deepEqual((await readHistory(dir)).map((e) => [e.argv, e.exit]), [[['logs', 'hello'], 130]], 'written by the time the second call resolves');
  await first;
  assert.equal((await readHistory(dir)).length, 1);
});

test('concurrent writers from separate processes: no torn line, no lost entry, unique numbers', async () => {
  const dir = home();
  const module = fileURLToPath(new URL('../../src/history/record-history.ts', import.meta.url));
  const writers = 6;
  const each = 25;
  const script = `import { recordHistory } from ${JSON.stringify(module)};
for (let i = 0; i < ${each}; i++) await recordHistory(${JSON.stringify(dir)}, { time: new Date().toISOString(), argv: ['w' + process.argv[1], String(i), 'x'.repeat(300)], exit: 0, durationMs: 1, cwd: '/' }, 100000);`;
  const codes = await Promise.all(
    Array.from({ length: writers }, (_, w) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, String(w)], { stdio: ['ignore', 'inherit', 'inherit'] });
        child.on('close', resolve);
      }),
    ),
  );
  assert.deepEqual(codes, Array(writers).fill(0));
  const lines = readFileSync(join(dir, HISTORY_PATH), 'utf8').split('\n').filter(Boolean);
  assert.equal(lines.length, writers * each);
  const entries = lines.map((line) => JSON.parse(line) as { n: number; argv: string[] });
  assert.deepEqual(entries.map((e) => e.n), Array.from({ length: writers * each }, (_, i) => i + 1), 'numbers in file order, none twice');
  for (let w = 0; w < writers; w++) {
    assert.deepEqual(entries.filter((e) => e.argv[0] === `w${w}`).map((e) => e.argv[1]), Array.from({ length: each }, (_, i) => String(i)), `writer ${w}`);
  }
});

test('a new history file is 0600, as a shell keeps its history', async () => {
  const dir = home();
  await recordHistory(dir, { ...base, argv: ['ps'] }, 10);
  assert.equal(statSync(join(dir, HISTORY_PATH)).mode & 0o777, 0o600);
});
