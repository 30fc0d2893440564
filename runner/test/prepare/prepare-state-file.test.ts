import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadPrepareStateKey, readPrepareState, writePrepareState } from '../../src/prepare/prepare-state-file';
import { buildPrepareState } from '../../src/prepare/core/prepare-state';

const root = await mkdtemp(join(tmpdir(), 'harbor-state-'));
after(() => rm(root, { recursive: true, force: true }));
let n = 0;
const home = () => join(root, `h${n++}`);

test('no prepare yet: no state, no key, and reading creates nothing', async () => {
  const h = home();
  mkdirSync(h);
  assert.deepStrictEqual(await readPrepareState(h), { state: undefined, key: undefined });
  assert.deepStrictEqual(readdirSync(h), []);
});

test('the key is made once (32 bytes, 0600) and then read back; the state round-trips with mode 0600', async () => {
  const h = home();
  const key = await loadPrepareStateKey(h);
  assert.deepStrictEqual([key.length, statSync(join(h, 'var/run/.harbor/env-state.key')).mode & 0o777], [32, 0o600]);
  assert.deepStrictEqual(Buffer.from(await loadPrepareStateKey(h)), Buffer.from(key));
  const state = buildPrepareState({ files: ['etc/stacks/compose.yml'], contents: ['services: {}\n'] }, { TOKEN: 'hunter2' }, key);
  await writePrepareState(h, state);
  assert.equal(statSync(join(h, 'var/run/.harbor/env-state.json')).mode & 0o777, 0o600);
  assert.equal(readFileSync(join(h, 'var/run/.harbor/env-state.json'), 'utf8').includes('hunter2'), false);
  const read = await readPrepareState(h);
  assert.deepStrictEqual([read.state, Buffer.from(read.key!)], [state, Buffer.from(key)]);
});

test('a damaged state or key counts as none', async () => {
  const h = home();
  mkdirSync(join(h, 'var/run/.harbor'), { recursive: true });
  writeFileSync(join(h, 'var/run/.harbor/env-state.json'), '{"version":1');
  writeFileSync(join(h, 'var/run/.harbor/env-state.key'), 'not hex\n');
  assert.deepStrictEqual(await readPrepareState(h), { state: undefined, key: undefined });
});
