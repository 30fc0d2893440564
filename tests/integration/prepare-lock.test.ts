// On the real engine: a deploy waits (and says so) while another run holds the home lock; `harbor plan` takes no
// lock, writes nothing, and after a deploy reports exactly what changed since.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { requireDocker } from '../support/docker-available';
import { makeExampleHome, removeExampleHome, runRunner } from '../support/compose-home';
import { snapshotTree } from '../support/snapshot-tree';

const example = makeExampleHome();
after(() => removeExampleHome(example));
const { home } = example;
const HOLDER = fileURLToPath(new URL('../../runner/test/fixtures/templates/hold-home-lock.ts', import.meta.url));

/** Another "Harbor run": a process that holds the home lock for `ms`. */
async function holdLock(ms: number): Promise<{ child: ChildProcess; pid: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, home, String(ms)], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  while (!out.includes('held')) {
    if (child.exitCode !== null) throw new Error('the lock holder exited early');
    await new Promise((r) => setTimeout(r, 20));
  }
  return { child, pid: child.pid! };
}

async function plan(): Promise<{ text: string; json: { env: { changed: Array<{ name: string }> }; overlay: { recreate: unknown[] } } }> {
  // var/run/.harbor/ is left out only while the holder below refreshes its lock's mtime (its heartbeat).
  const snapshot = () => ({ tree: snapshotTree(home, ['var/run/.harbor']), state: readdirSync(join(home, 'var/run/.harbor')).filter((n) => n !== 'lock').sort() });
  const before = snapshot();
  const text = await runRunner(home, ['plan']);
  const json = await runRunner(home, ['plan', '--json']);
  assert.deepStrictEqual([text.code, json.code], [0, 0], text.stderr + json.stderr);
  assert.deepStrictEqual(snapshot(), before, 'plan wrote nothing');
  return { text: text.stdout, json: JSON.parse(json.stdout) };
}

test('a deploy waits for the run holding the lock; plan does not and writes nothing', async (t) => {
  if (!requireDocker(t)) return;
  writeFileSync(join(home, 'etc/sys.env'), 'HARBOR_GREETING=first\n');
  const holder = await holdLock(10_000);
  const exited = once(holder.child, 'exit');
  const during = await plan();
  assert.equal(holder.child.exitCode, null, 'plan answered while the other run still held the lock');
  assert.match(during.text, /^env: \d+ to add, 0 to change, 0 to remove, 0 unchanged \(no earlier prepare recorded its env: every name is new\)$/m);

  let released = false;
  void exited.then(() => (released = true));
  const deploy = await runRunner(home, ['deploy']);
  assert.equal(deploy.code, 0, deploy.stderr);
  assert.match(deploy.stderr, new RegExp(`waiting for another harbor run \\(pid ${holder.pid}\\) to finish…`));
  assert.ok(released, 'deploy finished only after the other run had released the lock');

  const settled = await plan();
  assert.match(settled.text, /^templates: 0 to add, 0 to change, 0 to remove, 0 unchanged\nenv: 0 to add, 0 to change, 0 to remove, \d+ unchanged\noverlay var\/run\/overlays\/harbor.gen.yml: unchanged\n/m);
  assert.deepStrictEqual(settled.json.overlay.recreate, []);

  writeFileSync(join(home, 'etc/sys.env'), 'HARBOR_GREETING=second\n');
  const changed = await plan();
  assert.deepStrictEqual(changed.json.env.changed.map((c) => c.name), ['HARBOR_GREETING']);
  assert.match(changed.text, /^  ~ HARBOR_GREETING=second$/m);

  const destroy = await runRunner(home, ['destroy', '--volumes']);
  assert.equal(destroy.code, 0, destroy.stderr);
});
