import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/cli';
import { planCommand } from '../../../src/workflow/commands/plan';
import { resolveSource } from '../../../src/stack/resolve-source';
import { runPrepare } from '../../../src/prepare/run-prepare';
import { snapshotTree } from '../../../../tests/support/snapshot-tree';
import { createFakeDeps } from '../../support/fake-deps';
import { fakeCompose, PREPARE_HOME, SECRET } from '../../support/prepare-home';
import { makeTempHome } from '../../support/temp-home';

async function plan(home: string, argv: string[] = []) {
  const deps = createFakeDeps(fakeCompose, home);
  const before = snapshotTree(home);
  const code = await runCli(['plan', '--capabilities', '', ...argv], [planCommand], deps);
  assert.deepStrictEqual(snapshotTree(home), before, 'plan wrote nothing (contents, modes, inodes, mtimes)');
  const stdout = deps.stdout.join('');
  assert.equal(stdout.includes(SECRET) || deps.logs.join('\n').includes(SECRET), false, 'the secret value is shown nowhere');
  return { code, stdout: stdout.replace(/\[secret [0-9a-f]{8}\]/g, '[secret <tag>]'), deps };
}

const up = (home: string) =>
  `    $ docker compose -p demo --project-directory ${home} ${['etc/stacks/compose.yml', 'etc/stacks/compose.greeter.yml', 'etc/stacks/compose.hello.yml', 'var/run/overlays/harbor.gen.yml'].map((f) => `-f ${home}/${f}`).join(' ')} up -d --wait --remove-orphans`;

describe('harbor plan', () => {
  it('before any prepare: every file and name is new, both services get labels; nothing is written', async () => {
    const home = await makeTempHome(PREPARE_HOME);
    const { code, stdout, deps } = await plan(home);
    assert.equal(code, 0);
    assert.deepStrictEqual(stdout.split('\n'), [
      'plan for project demo: services hello greeter',
      '  -f etc/stacks/compose.yml',
      '  -f etc/stacks/compose.greeter.yml',
      '  -f etc/stacks/compose.hello.yml',
      '  -f var/run/overlays/harbor.gen.yml',
      'templates: 1 to add, 0 to change, 0 to remove, 0 unchanged',
      '  + var/run/hello/config/motd.txt (from stacks/hello/templates/motd.txt.tmpl)',
      'env: 3 to add, 0 to change, 0 to remove, 0 unchanged (no earlier prepare recorded its env: every name is new)',
      '  + API_TOKEN=[secret <tag>]',
      '  + GREETING=hi',
      '  + PORT=80',
      'overlay var/run/overlays/harbor.gen.yml: changes',
      "recreated for Harbor's labels: greeter (harbor.env-hash), hello (harbor.config-hash); compose also recreates what its own model changes",
      'deploy: 1 step',
      '  deploy[0] compose.up: compose up hello greeter',
      up(home),
      '',
    ]);
    // The services come from Harbor's compose model: no compose call at all.
    assert.deepStrictEqual(deps.calls, []);
  });

  it('after a prepare: only what changed, secrets as tags, removed names, and who restarts', async () => {
    const home = await makeTempHome(PREPARE_HOME);
    const deps = createFakeDeps(fakeCompose, home);
    await runPrepare(deps, await resolveSource(deps, { capabilities: '' }));
    assert.match((await plan(home)).stdout, /^templates: 0 to add, 0 to change, 0 to remove, 1 unchanged\nenv: 0 to add, 0 to change, 0 to remove, 3 unchanged\noverlay var\/run\/overlays\/harbor.gen.yml: unchanged\nrecreated for Harbor's labels: \(none\);/m);

    writeFileSync(join(home, 'override.secrets.env'), 'API_TOKEN=rotated-9d2e\n');
    writeFileSync(join(home, 'etc/sys.env'), 'GREETING=bonjour\nEXTRA="a b"\n');
    writeFileSync(join(home, 'stacks/greeter/service.env'), 'API_TOKEN\n');
    const { stdout } = await plan(home);
    assert.equal(stdout.includes('rotated-9d2e'), false);
    assert.deepStrictEqual(stdout.split('\n').slice(5, 16), [
      'templates: 0 to add, 1 to change, 0 to remove, 0 unchanged',
      '  ~ var/run/hello/config/motd.txt (from stacks/hello/templates/motd.txt.tmpl)',
      'env: 1 to add, 2 to change, 1 to remove, 0 unchanged',
      "  + EXTRA='a b'",
      '  ~ API_TOKEN=[secret <tag>]',
      '  ~ GREETING=bonjour',
      '  - PORT',
      'overlay var/run/overlays/harbor.gen.yml: changes',
      "recreated for Harbor's labels: greeter (harbor.env-hash), hello (harbor.config-hash); compose also recreates what its own model changes",
      'deploy: 1 step',
      '  deploy[0] compose.up: compose up hello greeter',
    ]);
  });

  it('--json: the same plan as data; file modes in octal; secrets as tags only', async () => {
    const home = await makeTempHome(PREPARE_HOME);
    const { stdout } = await plan(home, ['--json']);
    const data = JSON.parse(stdout);
    assert.deepStrictEqual(Object.keys(data), ['project', 'files', 'services', 'composeServices', 'templates', 'env', 'overlay', 'routing', 'persistEnv', 'deploy', 'warnings', 'hooks']);
    assert.deepStrictEqual(data.templates.added.map((f: { path: string; after: { mode: string } }) => [f.path, f.after.mode]), [['var/run/hello/config/motd.txt', '0644']]);
    assert.deepStrictEqual(data.env.added[0], { name: 'API_TOKEN', secret: true, shown: '[secret <tag>]' });
    assert.deepStrictEqual([data.composeServices, data.overlay.recreate], [['greeter', 'hello'], [{ service: 'greeter', labels: ['harbor.env-hash'] }, { service: 'hello', labels: ['harbor.config-hash'] }]]);
    assert.equal(data.deploy.steps[0].argv.at(-5), `${home}/var/run/overlays/harbor.gen.yml`);
  });

  it('a template error is reported exactly as deploy would report it, and nothing is written', async () => {
    const home = await makeTempHome({ ...PREPARE_HOME, 'stacks/hello/templates/motd.txt.tmpl': 'Hello ${GRETING}\n' });
    const before = snapshotTree(home);
    await assert.rejects(runCli(['plan', '--capabilities', ''], [planCommand], createFakeDeps(fakeCompose, home)), {
      message: 'stacks/hello/templates/motd.txt.tmpl:1:7: undefined variable GRETING',
      exitCode: 4,
    });
    assert.deepStrictEqual(snapshotTree(home), before);
  });
});
