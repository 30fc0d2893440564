import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runPrepareTemplates, type PrepareTemplatesInput } from '../../src/templates/run-prepare-templates';
import { JOURNAL_PATH, recoverTemplateCommit, STAGING_DIR } from '../../src/templates/write-rendered-tree';
import { contentOf, snapshotTree } from '../../../tests/support/snapshot-tree';
import { createFakeDeps } from '../support/fake-deps';

const root = await mkdtemp(join(tmpdir(), 'harbor-commit-'));
after(() => rm(root, { recursive: true, force: true }));
let n = 0;

/** A home with 30 templates for `web`; `port` is what they render. */
function newHome(): string {
  const home = join(root, `h${n++}`);
  for (let i = 0; i < 30; i++) {
    const path = join(home, `stacks/web/templates/f${i}.conf.tmpl`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `file ${i} port=\${PORT}\n`);
  }
  return home;
}
const input = (port: string, over: Partial<PrepareTemplatesInput> = {}): PrepareTemplatesInput => ({
  templates: [{ from: 'stacks/${service}/templates/**', to: 'var/run/${service}/config/', secrets: false }],
  interpolation: { engine: 'envsubst', values: { fromEnv: true, extra: {} } },
  env: { values: new Map([['PORT', port]]), secretNames: new Set() },
  services: ['web'],
  ...over,
});
const runTree = (home: string) => contentOf(snapshotTree(join(home, 'var/run'), ['.harbor']));
class Stop extends Error {}

describe('writeRenderedTree: interrupted commits', () => {
  it('stopped after staging (before the commit point): var/run is exactly as it was', async () => {
    const home = newHome();
    await runPrepareTemplates(createFakeDeps(undefined, home), input('1'));
    const before = snapshotTree(join(home, 'var/run'), ['.harbor']);
    const stop = async (phase: string) => {
      if (phase === 'staged') throw new Stop('stopped');
    };
    await assert.rejects(runPrepareTemplates(createFakeDeps(undefined, home), input('2', { onPhase: stop })), Stop);
    assert.deepStrictEqual(snapshotTree(join(home, 'var/run'), ['.harbor']), before);
    assert.deepStrictEqual([existsSync(join(home, JOURNAL_PATH)), existsSync(join(home, STAGING_DIR))], [false, false]);
  });

  it('stopped half-way through moving files (after the commit point): the next run finishes the commit', async () => {
    const home = newHome();
    await runPrepareTemplates(createFakeDeps(undefined, home), input('1'));
    let moved = 0;
    const stop = async (phase: string) => {
      if (phase === 'moved-one' && ++moved === 10) throw new Stop('stopped');
    };
    await assert.rejects(runPrepareTemplates(createFakeDeps(undefined, home), input('2', { onPhase: stop })), Stop);
    const ports = (h: string) => Object.keys(runTree(h)).filter((p) => p.endsWith('.conf')).map((p) => readFileSync(join(h, 'var/run', p), 'utf8').slice(-2, -1));
    assert.deepStrictEqual(new Set(ports(home)), new Set(['1', '2']), 'a mix until the commit is finished');
    assert.equal(existsSync(join(home, JOURNAL_PATH)), true);
    const deps = createFakeDeps(undefined, home);
    const result = await runPrepareTemplates(deps, input('2'));
    assert.equal(deps.logs[0], 'warn: finished the template commit of an interrupted earlier run');
    assert.equal(result.written, false, 'after recovery the tree already matches');
    const clean = newHome();
    await runPrepareTemplates(createFakeDeps(undefined, clean), input('2'));
    assert.deepStrictEqual(runTree(home), runTree(clean));
  });

  it('a staging tree left by a killed run that never committed is thrown away', async () => {
    const home = newHome();
    await runPrepareTemplates(createFakeDeps(undefined, home), input('1'));
    mkdirSync(join(home, STAGING_DIR), { recursive: true });
    writeFileSync(join(home, STAGING_DIR, '000000'), 'half');
    const before = snapshotTree(join(home, 'var/run'), ['.harbor']);
    assert.equal(await recoverTemplateCommit(home), 'discarded');
    assert.deepStrictEqual([snapshotTree(join(home, 'var/run'), ['.harbor']), existsSync(join(home, STAGING_DIR))], [before, false]);
    assert.equal(await recoverTemplateCommit(home), 'none');
  });
});
