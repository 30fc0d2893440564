import { deepStrictEqual, rejects } from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/cli';
import { descriptorCheckCommand } from '../../../src/descriptor/commands/descriptor-check';
import { descriptorSchemaCommand, renderDescriptorJsonSchema } from '../../../src/descriptor/commands/descriptor-schema';
import { createFakeDeps } from '../../support/fake-deps';
import { makeTempHome, snapshotHome } from '../../support/temp-home';

const COMMANDS = [descriptorCheckCommand, descriptorSchemaCommand];
const SYSTEM = 'version: 1\nprofiles: { default: {}, gpu: {} }\ndeploy: { steps: [{ action: compose.up }, { action: log.info, message: up }] }\nstages: { backup: { steps: [] } }\n';

async function harbor(home: string, argv: string[]) {
  const deps = createFakeDeps(() => ({}), home);
  const code = await runCli(argv, COMMANDS, deps);
  return { code, stdout: deps.stdout.join(''), logs: deps.logs, calls: deps.calls };
}

describe('harbor descriptor check', () => {
  const cases: Array<{ name: string; files: Record<string, string>; argv: string[]; stdout: string }> = [
    {
      name: 'a valid descriptor: ✔ and a one-line summary',
      files: { 'etc/harbor.yaml': SYSTEM },
      argv: ['descriptor', 'check'],
      stdout: '✔ etc/harbor.yaml is valid\n  stages: deploy (2 steps), post_deploy (default: no steps), destroy (default: 1 step), backup (no steps); profiles: default, gpu; compose files from etc/stacks\n',
    },
    {
      name: 'with a stack override',
      files: { 'etc/harbor.yaml': SYSTEM, 'stacks/db/harbor.yaml': 'deploy: { steps: [] }\nsource: { rules: { dir: stacks/db/compose } }\n' },
      argv: ['descriptor', 'check', '--stack', 'db'],
      stdout: '✔ etc/harbor.yaml + stacks/db/harbor.yaml are valid\n  stages: deploy (no steps), post_deploy (default: no steps), destroy (default: 1 step), backup (no steps); profiles: default, gpu; compose files from stacks/db/compose\n',
    },
    {
      name: 'no descriptor: the defaults',
      files: {},
      argv: ['descriptor', 'check'],
      stdout: '✔ no etc/harbor.yaml: the default descriptor is used, and it is valid\n  stages: deploy (default: 1 step), post_deploy (default: no steps), destroy (default: 1 step); profiles: none; compose files from etc/stacks\n',
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const home = await makeTempHome(c.files);
      const { code, stdout, calls } = await harbor(home, c.argv);
      deepStrictEqual([code, stdout, calls], [0, c.stdout, []]);
    });
  }

  it('--json', async () => {
    const home = await makeTempHome({ 'etc/harbor.yaml': SYSTEM });
    const { stdout } = await harbor(home, ['descriptor', 'check', '--json']);
    deepStrictEqual(JSON.parse(stdout), {
      valid: true,
      files: ['etc/harbor.yaml'],
      layout: 'descriptor',
      stages: [
        { name: 'deploy', steps: 2, default: false },
        { name: 'post_deploy', steps: 0, default: true },
        { name: 'destroy', steps: 1, default: true },
        { name: 'backup', steps: 0, default: false },
      ],
      profiles: ['default', 'gpu'],
      composeDir: 'etc/stacks',
    });
  });

  const errors: Array<{ name: string; files: Record<string, string>; argv: string[]; message: string; exitCode: number }> = [
    { name: 'malformed YAML with its line', files: { 'etc/harbor.yaml': 'version: 1\nproject: "demo\n' }, argv: ['descriptor', 'check'], message: 'etc/harbor.yaml:3:1: malformed YAML: Missing closing "quote', exitCode: 3 },
    { name: 'an unknown key', files: { 'etc/harbor.yaml': 'version: 1\nprofils: {}\n' }, argv: ['descriptor', 'check'], message: 'etc/harbor.yaml:2:1: profils: unknown key "profils" (did you mean profiles?)', exitCode: 3 },
    {
      name: 'an unknown action',
      files: { 'etc/harbor.yaml': 'version: 1\ndeploy:\n  steps:\n    - action: compose.up\n    - action: compose.upp\n' },
      argv: ['descriptor', 'check'],
      message: 'etc/harbor.yaml:5:15: deploy.steps[1].action: unknown action "compose.upp" (did you mean compose.up?)',
      exitCode: 3,
    },
    {
      name: 'bad params',
      files: { 'etc/harbor.yaml': 'version: 1\ndestroy:\n  steps:\n    - action: compose.down\n      volume: true\n' },
      argv: ['descriptor', 'check'],
      message: 'etc/harbor.yaml:5:7: destroy.steps[0].volume: unknown key "volume" for compose.down (did you mean volumes?)',
      exitCode: 3,
    },
    { name: 'an error in the stack override names that file', files: { 'etc/harbor.yaml': SYSTEM, 'stacks/db/harbor.yaml': 'project: DB\n' }, argv: ['descriptor', 'check', '--stack', 'db'], message: 'stacks/db/harbor.yaml:1:10: project: compose project names use a-z, 0-9, "_" and "-", starting with a letter or digit', exitCode: 3 },
  ];
  for (const c of errors) {
    it(`error: ${c.name}; nothing printed or written`, async () => {
      const home = await makeTempHome(c.files);
      const before = await snapshotHome(home);
      const deps = createFakeDeps(() => ({}), home);
      await rejects(runCli(c.argv, COMMANDS, deps), (err: Error & { exitCode: number }) => {
        deepStrictEqual([err.message, err.exitCode], [c.message, c.exitCode]);
        return true;
      });
      deepStrictEqual([deps.stdout, await snapshotHome(home)], [[], before]);
    });
  }
});

describe('harbor descriptor schema', () => {
  it('prints the JSON Schema', async () => {
    const home = await makeTempHome({});
    const { stdout } = await harbor(home, ['descriptor', 'schema']);
    deepStrictEqual([stdout, JSON.parse(stdout).title], [renderDescriptorJsonSchema(), 'Harbor descriptor (etc/harbor.yaml, stacks/<stack>/harbor.yaml)']);
  });

  it('--output writes it (relative to the working directory), leaving no temp file', async () => {
    const home = await makeTempHome({ 'etc/harbor.yaml': 'version: 1\n' });
    const { stdout } = await harbor(home, ['descriptor', 'schema', '--output', 'etc/harbor.schema.json']);
    deepStrictEqual([stdout, await readFile(join(home, 'etc/harbor.schema.json'), 'utf8'), Object.keys(await snapshotHome(home)).sort()], [
      '',
      renderDescriptorJsonSchema(),
      ['etc/harbor.schema.json', 'etc/harbor.yaml'],
    ]);
  });

  it('--output on no host mount inside the runner is refused (runner/src/boundary)', async () => {
    const home = await makeTempHome({});
    // A fake mount table: the runner's root and the home, as harbor.sh mounts it from inside the home.
    const readMountInfo = async () => `1 0 0:1 / / rw - overlay overlay rw\n2 1 0:2 ${home} ${home} rw - ext4 /dev/vda rw\n`;
    const deps = { ...createFakeDeps(() => ({}), home), env: { HARBOR_IN_RUNNER: '1' }, readMountInfo };
    await rejects(runCli(['descriptor', 'schema', '-o', '/tmp/x.json'], COMMANDS, deps), {
      message: `/tmp/x.json: outside the folders the runner can see (the Harbor home ${home}); nothing was written`,
      exitCode: 2,
    });
  });
});
