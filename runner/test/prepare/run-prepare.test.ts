import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { resolveSource } from '../../src/stack/resolve-source';
import { runPrepare } from '../../src/prepare/run-prepare';
import { readStack } from '../../src/stack/stack';
import { HarborError } from '../../src/shared/core/errors';
import { snapshotTree } from '../../../tests/support/snapshot-tree';
import { createFakeDeps } from '../support/fake-deps';
import { makeTempHome } from '../support/temp-home';
import { fakeCompose, FILES, OVERLAY, PREPARE_HOME, SECRET } from '../support/prepare-home';

async function prepared(files: Record<string, string> = PREPARE_HOME, env: Record<string, string> = {}, handles: string[] = []) {
  const home = await makeTempHome(files);
  const deps = { ...createFakeDeps(fakeCompose, home), env };
  const source = await resolveSource(deps, { capabilities: '', handles });
  return { home, deps, source };
}

/** The templates tests' helper process: holds the home lock until killed. */
async function holdLockInChild(home: string): Promise<ChildProcess> {
  const script = fileURLToPath(new URL('../fixtures/templates/hold-home-lock.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, home, '60000'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  while (!out.includes('held')) {
    if (child.exitCode !== null) throw new Error('the lock holder exited early');
    await new Promise((r) => setTimeout(r, 20));
  }
  return child;
}

const read = (home: string, path: string) => readFileSync(join(home, path), 'utf8');
const mode = (home: string, path: string) => statSync(join(home, path)).mode & 0o777;

describe('runPrepare', () => {
  it('renders templates, writes one overlay (env references, env and config hash labels), the state; returns files and env', async () => {
    const { home, deps, source } = await prepared();
    const result = await runPrepare(deps, source);
    assert.deepStrictEqual(
      { files: result.files, services: result.services, templates: result.templates, overlayWritten: result.overlayWritten, envFile: result.envFile },
      { files: [...FILES, OVERLAY], services: ['greeter', 'hello'], templates: { added: 1, changed: 0, removed: 0, unchanged: 0 }, overlayWritten: true, envFile: undefined },
    );
    assert.deepStrictEqual([result.composeEnv.API_TOKEN, result.composeEnv.GREETING, result.secretValues], [SECRET, 'hi', [SECRET]]);
    assert.equal(read(home, 'var/run/hello/config/motd.txt'), 'Hello hi\n');
    const overlay = parse(read(home, OVERLAY)) as { services: Record<string, { environment?: Record<string, string>; labels: Record<string, string> }> };
    assert.deepStrictEqual(Object.keys(overlay.services), ['greeter', 'hello']);
    assert.deepStrictEqual(overlay.services.greeter!.environment, { API_TOKEN: '${API_TOKEN}', PORT: '${PORT}' });
    assert.deepStrictEqual(Object.keys(overlay.services.greeter!.labels), ['harbor.env-hash']);
    assert.deepStrictEqual(Object.keys(overlay.services.hello!.labels), ['harbor.config-hash']);
    // The services come from Harbor's compose model (docs/compose-model.md): compose is not called.
    assert.deepStrictEqual(deps.calls, []);
    const state = JSON.parse(read(home, 'var/run/.harbor/env-state.json')) as { files: string[]; env: Record<string, string> };
    assert.deepStrictEqual([state.files, Object.keys(state.env)], [FILES, ['API_TOKEN', 'GREETING', 'PORT']]);
    assert.deepStrictEqual([mode(home, 'var/run/.harbor/env-state.json'), mode(home, 'var/run/.harbor/env-state.key')], [0o600, 0o600]);
    assert.deepStrictEqual([existsSync(join(home, 'var/run/.env.run')), existsSync(join(home, 'var/run/.harbor/lock'))], [false, false]);
    for (const path of [OVERLAY, 'var/run/.harbor/env-state.json', 'var/run/manifest.json']) assert.equal(read(home, path).includes(SECRET), false, `${path} holds the secret`);
  });

  it('a second prepare with nothing changed rewrites nothing (same inode and mtime)', async () => {
    const { home, deps, source } = await prepared();
    await runPrepare(deps, source);
    const before = snapshotTree(join(home, 'var/run'), ['.harbor']);
    const again = await runPrepare(deps, source);
    assert.deepStrictEqual([again.overlayWritten, again.templates], [false, { added: 0, changed: 0, removed: 0, unchanged: 1 }]);
    assert.deepStrictEqual(snapshotTree(join(home, 'var/run'), ['.harbor']), before);
  });

  it('--persist-env writes var/run/.env.run (0600) with every value; a prepare without it removes the file', async () => {
    const { home, deps, source } = await prepared();
    const result = await runPrepare(deps, source, { persistEnv: true });
    assert.deepStrictEqual([result.envFile, mode(home, 'var/run/.env.run')], ['var/run/.env.run', 0o600]);
    assert.deepStrictEqual(read(home, 'var/run/.env.run').split('\n').sort(), ['', `API_TOKEN=${SECRET}`, 'GREETING=hi', 'PORT=80']);
    await runPrepare(deps, source);
    assert.equal(existsSync(join(home, 'var/run/.env.run')), false);
  });

  it('prepare.env.persist: true in the descriptor persists without the flag', async () => {
    const files = { ...PREPARE_HOME, 'etc/harbor.yaml': `${PREPARE_HOME['etc/harbor.yaml']}prepare:\n  env:\n    persist: true\n` };
    const { home, deps, source } = await prepared(files);
    await runPrepare(deps, source);
    assert.equal(mode(home, 'var/run/.env.run'), 0o600);
  });

  it('`then` runs while the home lock is held, and the lock is released after it (also when it throws)', async () => {
    const { home, deps, source } = await prepared();
    const seen = await runPrepare(deps, source, {}, async (p) => [existsSync(join(home, 'var/run/.harbor/lock')), p.files.at(-1)]);
    assert.deepStrictEqual(seen, [true, OVERLAY]);
    await assert.rejects(runPrepare(deps, source, {}, async () => { throw new Error('up failed'); }), /up failed/);
    assert.equal(existsSync(join(home, 'var/run/.harbor/lock')), false);
  });

  it('another run holding the lock: a run that may not wait fails with exit 8 and writes nothing', async () => {
    const { home, deps, source } = await prepared(PREPARE_HOME, { HARBOR_LOCK_TIMEOUT: '0' });
    const holder = await holdLockInChild(home);
    try {
      await assert.rejects(runPrepare(deps, source), (err: unknown) => {
        assert.ok(err instanceof HarborError);
        const head = `another harbor run (pid ${holder.pid}, test holder, started `;
        assert.deepStrictEqual([err.exitCode, err.message.slice(0, head.length), err.hint], [8, head, 'wait for it to finish and try again; if no harbor run is active on this home, delete var/run/.harbor/lock']);
        return true;
      });
      assert.deepStrictEqual([existsSync(join(home, OVERLAY)), existsSync(join(home, 'var/run/hello'))], [false, false]);
      assert.ok(deps.logs.includes(`info: waiting for another harbor run (pid ${holder.pid}) to finish…`));
    } finally {
      holder.kill();
      await once(holder, 'exit');
    }
  });

  const bad: Array<{ name: string; files: Record<string, string>; env?: Record<string, string>; message: string; exitCode: number }> = [
    {
      name: 'an undefined variable in a template',
      files: { ...PREPARE_HOME, 'stacks/hello/templates/motd.txt.tmpl': 'Hello ${GRETING}\n' },
      message: 'stacks/hello/templates/motd.txt.tmpl:1:7: undefined variable GRETING',
      exitCode: 4,
    },
    {
      name: 'an invalid line in an env file',
      files: { ...PREPARE_HOME, 'etc/sys.env': 'GREETING=hi\nBAD KEY=1\n' },
      message: 'etc/sys.env:2: key "BAD KEY" cannot contain a space',
      exitCode: 4,
    },
    { name: 'a bad HARBOR_LOCK_TIMEOUT', files: PREPARE_HOME, env: { HARBOR_LOCK_TIMEOUT: 'soon' }, message: 'HARBOR_LOCK_TIMEOUT="soon" is not a number of seconds', exitCode: 2 },
  ];
  for (const c of bad) {
    it(`${c.name}: the exact error, and a previous prepare's var/run/ stays as it was`, async () => {
      const { home, deps, source } = await prepared();
      await runPrepare(deps, source);
      for (const [path, text] of Object.entries(c.files)) if (PREPARE_HOME[path] !== text) writeFileSync(join(home, path), text);
      const before = snapshotTree(join(home, 'var/run'), ['.harbor']);
      const state = read(home, 'var/run/.harbor/env-state.json');
      const failing = { ...deps, env: c.env ?? {} };
      await assert.rejects(runPrepare(failing, await resolveSource(failing, { capabilities: '' })), (err: unknown) => {
        assert.ok(err instanceof HarborError);
        assert.deepStrictEqual([err.message, err.exitCode], [c.message, c.exitCode]);
        return true;
      });
      assert.deepStrictEqual(snapshotTree(join(home, 'var/run'), ['.harbor']), before);
      assert.deepStrictEqual([read(home, 'var/run/.harbor/env-state.json'), existsSync(join(home, 'var/run/.harbor/lock'))], [state, false]);
    });
  }
});

describe('readStack after a prepare', () => {
  it('adds the overlay for the same selection, not for another one, not once a compose file changed', async () => {
    const { home, deps, source } = await prepared();
    assert.deepStrictEqual((await readStack(deps, source)).files, FILES, 'no prepare yet');
    await runPrepare(deps, source);
    assert.deepStrictEqual((await readStack(deps, source)).files, [...FILES, OVERLAY]);
    const other = await resolveSource(deps, { capabilities: '', handles: ['webui'] });
    assert.deepStrictEqual((await readStack(deps, other)).files, other.selection.files);
    writeFileSync(join(home, 'etc/stacks/compose.hello.yml'), 'services: { hi: { image: busybox } }\n');
    assert.deepStrictEqual((await readStack(deps, source)).files, FILES, 'the overlay could name a service that is gone');
  });

  it('--site picks etc/sites/<name>.env as the site layer, over etc/site.env', async () => {
    const { deps } = await prepared({ ...PREPARE_HOME, 'etc/site.env': 'WHERE=default-site\n', 'etc/sites/prod.env': 'WHERE=prod\n' });
    const plain = await resolveSource(deps, { capabilities: '' });
    assert.equal((await readStack(deps, plain)).composeEnv.WHERE, 'default-site');
    const prod = await resolveSource(deps, { capabilities: '', site: 'prod' });
    assert.equal((await readStack(deps, prod)).composeEnv.WHERE, 'prod');
  });

  it('tolerant (destroy, down): an env source that fails is a warning, not an error', async () => {
    const { home, deps, source } = await prepared({ ...PREPARE_HOME, 'etc/sys.env': 'BAD KEY=1\n' });
    await assert.rejects(readStack(deps, source), { message: 'etc/sys.env:1: key "BAD KEY" cannot contain a space' });
    const env = await readStack(deps, source, { tolerant: true });
    assert.deepStrictEqual([env.composeEnv, env.files], [{}, FILES]);
    assert.deepStrictEqual(deps.logs.filter((l) => l.startsWith('warn')), ['warn: etc/sys.env:1: key "BAD KEY" cannot contain a space: going on without the env layers']);
    assert.equal(existsSync(join(home, 'var')), false);
  });

  it('tolerant: a sops file that cannot be decrypted is skipped alone; the other layers stay', async () => {
    const { deps, source } = await prepared({ ...PREPARE_HOME, 'prod.sops.env': 'TOKEN=ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\nsops_version=3.9.0\n' });
    await assert.rejects(readStack(deps, source), (err: unknown) => err instanceof HarborError && err.exitCode === 5);
    const env = await readStack(deps, source, { tolerant: true });
    assert.deepStrictEqual([env.composeEnv.GREETING, env.composeEnv.API_TOKEN, env.composeEnv.TOKEN], ['hi', SECRET, undefined]);
    const warnings = deps.logs.filter((l) => l.startsWith('warn'));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /prod\.sops\.env.*: going on without this file's values$/);
  });
});
