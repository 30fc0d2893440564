// A prepare killed with SIGKILL at any moment leaves var/run/ as it was before the commit point, and the next
// run finishes a commit that passed it: never a mix. The prepare runs in its own process on 1,500 templates.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createConsola } from 'consola';
import { runPrepareTemplates } from '../../runner/src/templates/run-prepare-templates';
import { JOURNAL_PATH, recoverTemplateCommit, STAGING_DIR } from '../../runner/src/templates/write-rendered-tree';
import { contentOf, snapshotTree, type EntrySnapshot } from '../support/snapshot-tree';

const CHILD = fileURLToPath(new URL('../fixtures/templates/prepare-child.ts', import.meta.url));
const FILES = 1_500;
const root = await mkdtemp(join(tmpdir(), 'harbor-kill-'));
after(() => rm(root, { recursive: true, force: true }));
let n = 0;

/** Half the templates use PORT, half are constant (they must keep inode and mtime through everything). */
function newHome(): string {
  const home = join(root, `h${n++}`);
  for (let i = 0; i < FILES; i++) {
    const path = join(home, `stacks/web/templates/d${i % 10}/f${i}.conf.tmpl`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, i % 2 ? `constant ${i}\n${'x'.repeat(2000)}\n` : `port ${i} = \${PORT}\n${'y'.repeat(2000)}\n`);
  }
  return home;
}

const log = createConsola({ level: 0 });
function prepareHere(home: string, port: string) {
  return runPrepareTemplates({ home, log }, {
    templates: [{ from: 'stacks/${service}/templates/**', to: 'var/run/${service}/config/', secrets: false }],
    interpolation: { engine: 'envsubst', values: { fromEnv: true, extra: {} } },
    env: { values: new Map([['PORT', port]]), secretNames: new Set() },
    services: ['web'],
  });
}
const runSnap = (home: string) => snapshotTree(join(home, 'var/run'), ['.harbor']);
const constants = (snap: Record<string, EntrySnapshot>) => Object.fromEntries(Object.entries(snap).filter(([p]) => /f\d*[13579]\.conf$/.test(p)));

/** Starts the child; `until` resolves with its stdout once a line matches. */
function child(home: string, port: string, pauseAt?: string) {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, home, port], { env: { ...process.env, PAUSE_AT: pauseAt ?? '' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(proc, 'exit');
  let out = '';
  proc.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const until = async (pattern: RegExp) => {
    while (!pattern.test(out)) {
      if (proc.exitCode !== null) throw new Error(`child exited (${proc.exitCode}) before ${pattern}: ${out}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    return out;
  };
  const kill = async () => {
    proc.kill('SIGKILL');
    await exited;
  };
  return { proc, until, kill, exited, out: () => out };
}

/** The content of a clean tree for each PORT, computed once in a home of its own. */
const expected = new Map<string, ReturnType<typeof contentOf>>();
async function cleanTree(port: string) {
  if (!expected.has(port)) {
    const home = newHome();
    await prepareHere(home, port);
    expected.set(port, contentOf(runSnap(home)));
  }
  return expected.get(port)!;
}

describe('SIGKILL during prepare', () => {
  for (const phase of ['staged', 'committed', 'moved-one:1', 'moved-one:400']) {
    it(`killed at ${phase}`, async () => {
      const home = newHome();
      await prepareHere(home, '1');
      const before = runSnap(home);
      const c = child(home, '2', phase);
      await c.until(new RegExp(`paused:${phase}\\n`));
      await c.kill();
      const committed = phase !== 'staged';
      assert.equal(existsSync(join(home, JOURNAL_PATH)), committed);
      if (!committed) assert.deepStrictEqual(runSnap(home), before, 'before the commit point nothing changed, down to inodes and mtimes');
      // The next run takes over the dead run's lock, finishes (or discards) its commit, then renders.
      const next = await prepareHere(home, committed ? '2' : '1');
      assert.deepStrictEqual(contentOf(runSnap(home)), await cleanTree(committed ? '2' : '1'));
      assert.deepStrictEqual(constants(runSnap(home)), constants(before), 'constant files kept inode and mtime');
      assert.equal(next.written, false, 'recovery alone produced the final tree');
      assert.deepStrictEqual([existsSync(join(home, STAGING_DIR)), existsSync(join(home, JOURNAL_PATH))], [false, false]);
    });
  }

  it('killed at pseudo-random moments: always the old tree, or the new one once recovered', async () => {
    const home = newHome();
    await prepareHere(home, '0');
    const constantsBefore = constants(runSnap(home));
    // How long an uninterrupted prepare of a change takes in the child, measured from its "start".
    const timed = child(home, '1');
    await timed.until(/start\n/);
    const t0 = Date.now();
    await timed.until(/done\n/);
    const span = Date.now() - t0;
    await timed.exited;
    let current = '1';
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const target = current === '1' ? '2' : '1';
      const c = child(home, target);
      await c.until(/start\n/);
      await new Promise((r) => setTimeout(r, Math.floor(random() * span * 1.2)));
      await c.kill();
      const finished = c.out().includes('done');
      const journal = existsSync(join(home, JOURNAL_PATH));
      if (!journal) {
        // Before the commit point, or after the journal was done with (the new tree is complete): never a mix.
        const seen = JSON.stringify(contentOf(runSnap(home)));
        assert.ok(seen === JSON.stringify(await cleanTree(current)) || seen === JSON.stringify(await cleanTree(target)), 'without a journal: exactly the old or the new tree');
      }
      await recoverTemplateCommit(home);
      const now = contentOf(runSnap(home));
      const which = JSON.stringify(now) === JSON.stringify(await cleanTree(target)) ? target : current;
      assert.deepStrictEqual(now, await cleanTree(which), 'after recovery: exactly the old or the new tree');
      outcomes.push(finished ? 'finished' : journal ? 'recovered' : 'untouched');
      current = which;
    }
    assert.deepStrictEqual(constants(runSnap(home)), constantsBefore);
    // Not an assertion on timing: shows which moments the kills hit.
    process.stderr.write(`kill outcomes (span ${span} ms): ${outcomes.join(', ')}\n`);
  });
});
