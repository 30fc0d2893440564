import { deepStrictEqual, rejects } from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadDescriptor } from '../../src/descriptor/descriptor-loader';
import { DEFAULT_DESCRIPTOR } from '../../src/descriptor/core/default-descriptor';
import { FAKE_ACTIONS } from './core/fake-actions';

const homes: string[] = [];
after(async () => Promise.all(homes.map((h) => rm(h, { recursive: true, force: true }))));

async function makeHome(files: Record<string, string>, dirs: string[] = []): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'harbor-descriptor-'));
  homes.push(home);
  for (const dir of dirs) await mkdir(join(home, dir), { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(home, file)), { recursive: true });
    await writeFile(join(home, file), text);
  }
  return home;
}

const SYSTEM = 'version: 1\nproject: demo\ndeploy: { steps: [{ action: compose.up }] }\n';

describe('loadDescriptor', () => {
  it('no descriptor: the defaults, no files', async () => {
    const home = await makeHome({});
    deepStrictEqual(await loadDescriptor(home, { actions: FAKE_ACTIONS }), { descriptor: DEFAULT_DESCRIPTOR, files: [] });
  });

  it('the system descriptor', async () => {
    const home = await makeHome({ 'etc/harbor.yaml': SYSTEM });
    const loaded = await loadDescriptor(home, { actions: FAKE_ACTIONS });
    deepStrictEqual([loaded.files, loaded.descriptor.project, loaded.descriptor.deploy], [['etc/harbor.yaml'], 'demo', { steps: [{ action: 'compose.up' }] }]);
  });

  it('a stack override merges over it', async () => {
    const home = await makeHome({ 'etc/harbor.yaml': SYSTEM, 'stacks/web/harbor.yaml': 'project: web\n' });
    const loaded = await loadDescriptor(home, { stack: 'web', actions: FAKE_ACTIONS });
    deepStrictEqual([loaded.files, loaded.descriptor.project, loaded.descriptor.deploy], [['etc/harbor.yaml', 'stacks/web/harbor.yaml'], 'web', { steps: [{ action: 'compose.up' }] }]);
  });

  it('a stack without harbor.yaml: the system descriptor alone', async () => {
    const home = await makeHome({ 'etc/harbor.yaml': SYSTEM, 'stacks/web/service.env': 'A=1\n' });
    const loaded = await loadDescriptor(home, { stack: 'web', actions: FAKE_ACTIONS });
    deepStrictEqual([loaded.files, loaded.descriptor.project], [['etc/harbor.yaml'], 'demo']);
  });

  it('a stack override with no system descriptor merges over the defaults', async () => {
    const home = await makeHome({ 'stacks/web/harbor.yaml': 'project: web\n' });
    const loaded = await loadDescriptor(home, { stack: 'web', actions: FAKE_ACTIONS });
    deepStrictEqual([loaded.files, loaded.descriptor], [['stacks/web/harbor.yaml'], { ...DEFAULT_DESCRIPTOR, project: 'web' }]);
  });

  it('without --stack, stack overrides are not read', async () => {
    const home = await makeHome({ 'etc/harbor.yaml': SYSTEM, 'stacks/web/harbor.yaml': 'project: web\n' });
    deepStrictEqual((await loadDescriptor(home, { actions: FAKE_ACTIONS })).files, ['etc/harbor.yaml']);
  });

  const errors: Array<{ name: string; files: Record<string, string>; dirs?: string[]; stack?: string; message: string; exitCode: number }> = [
    { name: 'unknown stack with a suggestion', files: { 'etc/harbor.yaml': SYSTEM }, dirs: ['stacks/webui', 'stacks/ollama'], stack: 'webiu', message: 'unknown stack "webiu" (did you mean webui?)', exitCode: 3 },
    { name: 'unknown stack with no stacks dir', files: { 'etc/harbor.yaml': SYSTEM }, stack: 'web', message: 'unknown stack "web"', exitCode: 3 },
    { name: 'a stack name that is a path', files: { 'etc/harbor.yaml': SYSTEM }, stack: '../etc', message: '--stack: "../etc" is not a stack name', exitCode: 2 },
    { name: 'malformed system YAML', files: { 'etc/harbor.yaml': 'version: 1\ndeploy: [\n' }, message: 'etc/harbor.yaml:3:1: malformed YAML: Flow sequence in block collection must be sufficiently indented and end with a ]', exitCode: 3 },
    { name: 'malformed override YAML', files: { 'etc/harbor.yaml': SYSTEM, 'stacks/web/harbor.yaml': 'a: "\n' }, stack: 'web', message: 'stacks/web/harbor.yaml:2:1: malformed YAML: Missing closing "quote', exitCode: 3 },
    { name: 'an unknown action in the override', files: { 'etc/harbor.yaml': SYSTEM, 'stacks/web/harbor.yaml': 'deploy:\n  steps:\n    - action: compose.dwon\n' }, stack: 'web', message: 'stacks/web/harbor.yaml:3:15: deploy.steps[0].action: unknown action "compose.dwon" (did you mean compose.down?)', exitCode: 3 },
  ];
  for (const c of errors) {
    it(`error: ${c.name}, and the home is left as it was`, async () => {
      const home = await makeHome(c.files, c.dirs);
      const before = await readdir(home, { recursive: true });
      await rejects(loadDescriptor(home, { stack: c.stack, actions: FAKE_ACTIONS }), (err: Error & { exitCode: number }) => {
        deepStrictEqual([err.message, err.exitCode], [c.message, c.exitCode]);
        return true;
      });
      deepStrictEqual(await readdir(home, { recursive: true }), before);
    });
  }

  it('an unreadable descriptor is a descriptor error naming the file', { skip: process.getuid?.() === 0 ? 'root reads everything' : false }, async () => {
    const home = await makeHome({ 'etc/harbor.yaml': SYSTEM });
    const { chmod } = await import('node:fs/promises');
    await chmod(join(home, 'etc/harbor.yaml'), 0o000);
    await rejects(loadDescriptor(home, { actions: FAKE_ACTIONS }), { message: 'cannot read etc/harbor.yaml: EACCES' });
  });
});
