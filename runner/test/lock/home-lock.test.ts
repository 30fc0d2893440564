import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { acquireHomeLock, LOCK_PATH } from '../../src/lock/home-lock';
import { HarborError } from '../../src/shared/core/errors';

const root = await mkdtemp(join(tmpdir(), 'harbor-lock-'));
after(() => rm(root, { recursive: true, force: true }));
const holder = fileURLToPath(new URL('../fixtures/templates/hold-home-lock.ts', import.meta.url));
let n = 0;
const newHome = async () => {
  const home = join(root, `h${n++}`);
  await mkdir(home);
  return home;
};

function recordingLog() {
  const lines: string[] = [];
  return { lines, log: { info: (m: string) => lines.push(`info: ${m}`), warn: (m: string) => lines.push(`warn: ${m}`), debug: () => undefined } };
}

/** Starts a process holding the lock; resolves once it says "held". */
async function holdInChild(home: string, holdMs: number): Promise<{ child: ChildProcess; stdout: () => string; exited: Promise<unknown> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', holder, home, String(holdMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  while (!out.includes('held')) {
    if (child.exitCode !== null) throw new Error(`holder exited early: ${out}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { child, stdout: () => out, exited };
}

describe('acquireHomeLock', () => {
  it('writes the holder into var/run/.harbor/lock and removes it on release', async () => {
    const home = await newHome();
    const lock = await acquireHomeLock(home, { log: recordingLog().log, command: 'harbor deploy' });
    const owner = JSON.parse(await readFile(join(home, LOCK_PATH), 'utf8'));
    assert.deepStrictEqual([owner.pid, owner.command, owner.token], [process.pid, 'harbor deploy', lock.owner.token]);
    await lock.release();
    assert.equal(existsSync(join(home, LOCK_PATH)), false);
  });

  it('a second run waits with a message, and goes on when the first releases', async () => {
    const home = await newHome();
    const { child, stdout, exited } = await holdInChild(home, 700);
    const { lines, log } = recordingLog();
    const lock = await acquireHomeLock(home, { log, pollMs: 25 });
    assert.deepStrictEqual(lines, [`info: waiting for another harbor run (pid ${child.pid}) to finish…`]);
    assert.match(stdout(), /releasing/, 'acquired only after the holder released');
    await lock.release();
    await exited;
  });

  it('fails clearly after the timeout, leaving the holder\'s lock alone', async () => {
    const home = await newHome();
    const { child, exited } = await holdInChild(home, 60_000);
    try {
      const before = await readFile(join(home, LOCK_PATH), 'utf8');
      const started = JSON.parse(before).startedAt;
      await assert.rejects(acquireHomeLock(home, { log: recordingLog().log, timeoutMs: 300, pollMs: 25 }), (err: HarborError) => {
        assert.deepStrictEqual([err.message, err.hint, err.exitCode, err.code], [
          `another harbor run (pid ${child.pid}, test holder, started ${started}) still holds var/run/.harbor/lock after 0s`,
          'wait for it to finish and try again; if no harbor run is active on this home, delete var/run/.harbor/lock',
          8,
          'LOCKED',
        ]);
        return true;
      });
      assert.equal(await readFile(join(home, LOCK_PATH), 'utf8'), before);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
  });

  it('takes over the lock of a run that was SIGKILLed (its pid is gone)', async () => {
    const home = await newHome();
    const { child, exited } = await holdInChild(home, 60_000);
    child.kill('SIGKILL');
    await exited;
    assert.equal(existsSync(join(home, LOCK_PATH)), true, 'SIGKILL leaves the lock behind');
    const { lines, log } = recordingLog();
    const lock = await acquireHomeLock(home, { log, timeoutMs: 5_000 });
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, new RegExp(`^warn: removed a stale lock left by a harbor run that is gone \\(pid ${child.pid}, test holder, started `));
    await lock.release();
  });

  it('a lock from another runner container (other pid namespace) is stale only once its heartbeat stops', async () => {
    const home = await newHome();
    const path = join(home, LOCK_PATH);
    await mkdir(join(home, 'var/run/.harbor'), { recursive: true });
    const foreign = { pid: 1, pidNamespace: 'pid:[1]', hostname: 'c0ffee', startedAt: '2024-01-01T00:00:00.000Z', command: 'harbor up', token: 't' };
    await writeFile(path, JSON.stringify(foreign));
    await assert.rejects(acquireHomeLock(home, { log: recordingLog().log, timeoutMs: 200, pollMs: 25, staleMs: 10_000 }), { code: 'LOCKED' });
    const old = new Date(Date.now() - 60_000);
    await utimes(path, old, old);
    const { lines, log } = recordingLog();
    const lock = await acquireHomeLock(home, { log, timeoutMs: 200, staleMs: 10_000 });
    assert.deepStrictEqual(lines, ['warn: removed a stale lock left by a harbor run that is gone (pid 1, harbor up, started 2024-01-01T00:00:00.000Z)']);
    await lock.release();
  });

  it('refuses to be taken twice by one process (pass the HomeLock down instead)', async () => {
    const home = await newHome();
    const lock = await acquireHomeLock(home, { log: recordingLog().log });
    await assert.rejects(acquireHomeLock(home, { log: recordingLog().log, timeoutMs: 100 }), { message: 'acquireHomeLock: this process already holds var/run/.harbor/lock; pass the HomeLock down instead' });
    await lock.release();
  });
});
