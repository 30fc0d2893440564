// --dry-run on every stack command that changes something: the steps and exact compose argv, nothing run, nothing written.
import { deepStrictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/cli';
import { buildCommand } from '../../../src/compose/commands/build';
import { downCommand } from '../../../src/compose/commands/down';
import { pullCommand } from '../../../src/compose/commands/pull';
import { restartCommand } from '../../../src/compose/commands/restart';
import { upCommand } from '../../../src/compose/commands/up';
import type { CommandSpec } from '../../../src/shared/command-spec';
import { createFakeDeps } from '../../support/fake-deps';
import { makeTempHome, snapshotHome } from '../../support/temp-home';

const COMMANDS = [upCommand, downCommand, restartCommand, pullCommand, buildCommand] as CommandSpec[];
const FILES = {
  'etc/harbor.yaml': 'version: 1\nproject: demo\nprofiles:\n  default: { services: [hello] }\n',
  'etc/stacks/compose.yml': 'services: {}\n',
  'etc/stacks/compose.hello.yml': 'services: { hello: { image: busybox } }\n',
  'etc/stacks/compose.greeter.yml': 'services: { greeter: { build: . } }\n',
  'etc/sys.env': 'GREETING=hi\n',
};
const OVERLAY = 'var/run/overlays/harbor.gen.yml';

async function dryRun(argv: string[]) {
  const home = await makeTempHome(FILES);
  const before = await snapshotHome(home);
  const deps = createFakeDeps(() => ({}), home);
  const code = await runCli([...argv, '--dry-run', '--capabilities', ''], COMMANDS, deps);
  // No process at all (no compose call, not even a read) and not one byte written to the home.
  deepStrictEqual({ code, calls: deps.calls, after: await snapshotHome(home) }, { code: 0, calls: [], after: before });
  const prefix = (files: string[]) => ['docker compose -p demo --project-directory', home, ...files.flatMap((f) => ['-f', `${home}/${f}`])].join(' ');
  return { lines: deps.stdout.join('').split('\n'), prefix };
}

const BASE = ['etc/stacks/compose.yml', 'etc/stacks/compose.hello.yml'];
const selection = (files: string[], services: string) => [`source: project demo, ${files.length} compose files`, ...files.map((f) => `  -f ${f}`), `services: ${services}`, `options: ${services}`, 'capabilities: (none)'];

describe('--dry-run on the stack commands', () => {
  it('up: prepare, then compose up with the overlay prepare would write (and the logs with --tail)', async () => {
    const { lines, prefix } = await dryRun(['up', '--tail']);
    deepStrictEqual(lines, [
      ...selection(BASE, 'hello'),
      `prepare: env layers and templates of hello into var/run/, overlay ${OVERLAY} (\`harbor plan\` shows the changes)`,
      'up: 2 steps',
      '  up[0] compose.up: compose up hello',
      `    $ ${prefix([...BASE, OVERLAY])} up -d --wait`,
      '  up[1] compose.logs: compose logs (last 20 lines, follow)',
      `    $ ${prefix([...BASE, OVERLAY])} logs --tail 20 --follow`,
      '',
    ]);
  });

  it('up --json: the plan as data', async () => {
    const { lines } = await dryRun(['up', 'greeter', '--json', '--build']);
    const plan = JSON.parse(lines.join('\n'));
    deepStrictEqual([plan.dryRun, plan.services, plan.stage.stage, plan.stage.steps.map((s: { argv: string[] }) => s.argv.slice(-4))], [true, ['hello', 'greeter'], 'up', [['up', '-d', '--wait', '--build']]]);
  });

  it('down: compose down --remove-orphans; with handles, only those services', async () => {
    const all = await dryRun(['down', '--volumes']);
    deepStrictEqual(all.lines.slice(-4), ['down: 1 step', '  down[0] compose.down: compose down (and volumes)', `    $ ${all.prefix(BASE)} down --remove-orphans --volumes`, '']);
    const one = await dryRun(['down', 'hello']);
    deepStrictEqual(one.lines.slice(-4), ['down: 1 step', '  down[0] compose.down: compose down hello', `    $ ${one.prefix(BASE)} down hello`, '']);
  });

  it('restart: down then up', async () => {
    const { lines, prefix } = await dryRun(['restart']);
    deepStrictEqual(lines, [...selection(BASE, 'hello'), 'restart: 2 steps', '  restart[0] compose.down: compose down', `    $ ${prefix(BASE)} down --remove-orphans`, '  restart[1] compose.up: compose up hello', `    $ ${prefix(BASE)} up -d --wait`, '']);
  });

  it('pull and build', async () => {
    const pull = await dryRun(['pull']);
    deepStrictEqual(pull.lines.slice(6), ['pull: 1 step', '  pull[0] compose.pull: compose pull', `    $ ${pull.prefix(BASE)} pull --ignore-buildable`, '']);
    const build = await dryRun(['build', 'greeter', '--no-cache']);
    const files = ['etc/stacks/compose.yml', 'etc/stacks/compose.greeter.yml', 'etc/stacks/compose.hello.yml'];
    deepStrictEqual(build.lines, [...selection(files, 'hello greeter'), 'build: 1 step', '  build[0] compose.build: compose build greeter', `    $ ${build.prefix(files)} build --no-cache greeter`, '']);
  });
});
