import { deepStrictEqual, rejects } from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/cli';
import { descriptorCheckCommand } from '../../../src/descriptor/commands/descriptor-check';
import { runCommand } from '../../../src/workflow/commands/run';
import { createFakeDeps } from '../../support/fake-deps';
import { makeTempHome, snapshotHome } from '../../support/temp-home';

const DESCRIPTOR = [
  'version: 1',
  'project: demo',
  'profiles:',
  '  default: { services: [hello] }',
  'deploy:',
  '  steps:',
  '    - { action: compose.up }',
  '    - { action: log.info, message: tunnel, when: "${ENABLE_TUNNEL}" }',
  'post_deploy:',
  '  steps:',
  '    - { action: open, target: [hello] }',
  'stages:',
  '  failing:',
  '    steps:',
  '      - { action: compose.ps, continueOnError: true }',
  '      - { action: compose.pull }',
  '      - { action: log.info, message: never }',
  '',
].join('\n');

const FILES = {
  'etc/harbor.yaml': DESCRIPTOR,
  'etc/stacks/compose.yml': 'services: {}\n',
  'etc/stacks/compose.hello.yml': 'services: { hello: { image: busybox } }\n',
  'etc/stacks/compose.greeter.yml': 'services: { greeter: { image: busybox } }\n',
};

// Fake compose: `ps` reports hello publishing 8080; `pull` fails like compose does; the rest succeeds.
const HELLO_PS = JSON.stringify({ Service: 'hello', State: 'running', Publishers: [{ URL: '0.0.0.0', TargetPort: 80, PublishedPort: 8080, Protocol: 'tcp' }] });
function fakeCompose(argv: readonly string[]) {
  if (argv.includes('ps')) return { stdout: HELLO_PS };
  if (argv.includes('pull')) return { code: 18 };
  return {};
}

async function harbor(home: string, argv: string[], env: Record<string, string> = {}) {
  const deps = { ...createFakeDeps(fakeCompose, home), env };
  const code = await runCli(argv, [runCommand, descriptorCheckCommand], deps);
  return { code, stdout: deps.stdout.join(''), logs: deps.logs };
}

const OVERLAY = 'var/run/overlays/harbor.gen.yml';

function head(home: string, files: string[]): string[] {
  return ['docker', 'compose', '-p', 'demo', '--project-directory', home, ...files.flatMap((f) => ['-f', `${home}/${f}`])];
}

describe('harbor run <stage>', () => {
  it('--dry-run prints the plan with the exact compose argv and runs nothing', async () => {
    const home = await makeTempHome(FILES);
    const before = await snapshotHome(home);
    const deps = createFakeDeps(fakeCompose, home);
    const code = await runCli(['run', 'deploy', '--dry-run', '--capabilities', ''], [runCommand], deps);
    deepStrictEqual([code, deps.calls, await snapshotHome(home)], [0, [], before]);
    deepStrictEqual(deps.stdout.join('').split('\n'), [
      'deploy: 2 steps',
      '  deploy[0] compose.up: compose up hello',
      `    $ ${head(home, ['etc/stacks/compose.yml', 'etc/stacks/compose.hello.yml', OVERLAY]).join(' ')} up -d --wait --remove-orphans`,
      '  deploy[1] log.info: log "tunnel"  [skipped: when ${ENABLE_TUNNEL} is ""]',
      '',
    ]);
  });

  it('--dry-run --json: the plan as data; handles join the selection', async () => {
    const home = await makeTempHome(FILES);
    const deps = createFakeDeps(fakeCompose, home);
    await runCli(['run', 'deploy', 'greeter', '--dry-run', '--json', '--capabilities', ''], [runCommand], deps);
    const plan = JSON.parse(deps.stdout.join(''));
    deepStrictEqual([plan.dryRun, plan.stage, plan.steps[0].argv], [true, 'deploy', [...head(home, ['etc/stacks/compose.yml', 'etc/stacks/compose.greeter.yml', 'etc/stacks/compose.hello.yml', OVERLAY]), 'up', '-d', '--wait', '--remove-orphans']]);
  });

  it('runs the steps, honours when from the runner env, prints the URLs', async () => {
    const home = await makeTempHome(FILES);
    const deps = { ...createFakeDeps(fakeCompose, home), env: { ENABLE_TUNNEL: '1' } };
    const code = await runCli(['run', 'deploy', '--capabilities', ''], [runCommand], deps);
    // A stage with compose.up is prepared first (the services from Harbor's compose model), and up gets the overlay.
    const files = ['etc/stacks/compose.yml', 'etc/stacks/compose.hello.yml'];
    // Single-file mode: up, and the ps for the URLs after it, get one merged file built from exactly those files and
    // the overlay (docs/compose-model.md).
    const single = head(home, ['var/run/.harbor/compose.model.json']);
    deepStrictEqual(deps.calls.map((c) => c.argv), [[...single, 'up', '-d', '--wait', '--remove-orphans'], [...single, 'ps', '--format', 'json']]);
    deepStrictEqual(Object.keys(JSON.parse(await readFile(join(home, 'var/run/.harbor/compose.model.json'), 'utf8')).services), ['hello']);
    deepStrictEqual([code, deps.stdout.join('')], [0, 'http://localhost:8080\n']);
    deepStrictEqual(deps.logs.filter((l) => l.startsWith('start') || l.startsWith('info')), [
      'info: 0 added, 0 changed, 0 removed, 0 unchanged',
      'info: prepared hello: overlay var/run/overlays/harbor.gen.yml written',
      'start: deploy[0] compose.up …',
      'start: deploy[1] log.info …',
      'info: tunnel',
    ]);
  });

  it('--json: one report per step', async () => {
    const home = await makeTempHome(FILES);
    const { stdout } = await harbor(home, ['run', 'post_deploy', '--json', '--capabilities', '']);
    const report = JSON.parse(stdout);
    deepStrictEqual(
      { stage: report.stage, ok: report.ok, steps: report.steps.map((s: { label: string; status: string; urls: string[] }) => [s.label, s.status, s.urls]) },
      { stage: 'post_deploy', ok: true, steps: [['post_deploy[0]', 'ok', ['http://localhost:8080']]] },
    );
  });

  it("a failing step stops a custom stage and its exit code passes through; the report still prints", async () => {
    const home = await makeTempHome(FILES);
    const deps = createFakeDeps(fakeCompose, home);
    await rejects(runCli(['run', 'failing', '--json', '--capabilities', ''], [runCommand], deps), { name: 'CommandError', exitCode: 18 });
    const report = JSON.parse(deps.stdout.join(''));
    deepStrictEqual([report.ok, report.steps.map((s: { status: string }) => s.status)], [false, ['ok', 'failed', 'not-run']]);
  });

  it('run source prints the selection; --json has exactly files, services, options, capabilities', async () => {
    const home = await makeTempHome(FILES);
    const text = await harbor(home, ['run', 'source', '--capabilities', '']);
    deepStrictEqual(text.stdout, 'files:\n  etc/stacks/compose.yml\n  etc/stacks/compose.hello.yml\nservices: hello\noptions: hello\ncapabilities: (none)\n');
    const json = await harbor(home, ['run', 'source', '--no-defaults', 'greeter', '--json', '--capabilities', 'build']);
    deepStrictEqual(JSON.parse(json.stdout), { files: ['etc/stacks/compose.yml', 'etc/stacks/compose.greeter.yml'], services: ['greeter'], options: ['greeter', 'build'], capabilities: ['build'] });
  });

  it('a name that is no stage but a service: a one-off container (v1), command after the name and after --', async () => {
    const home = await makeTempHome(FILES);
    const deps = createFakeDeps(fakeCompose, home);
    const code = await runCli(['run', 'greeter', 'ls', '--capabilities', '', '--', '-la', '/www'], [runCommand], deps);
    // Single-file mode: the one-off container's compose gets the merged file of the selection and the overlay.
    const single = head(home, ['var/run/.harbor/compose.model.json']);
    deepStrictEqual([code, deps.calls.map((c) => c.argv)], [0, [[...single, 'run', '--rm', '-T', 'greeter', 'ls', '-la', '/www']]]);
    deepStrictEqual(Object.keys(JSON.parse(await readFile(join(home, 'var/run/.harbor/compose.model.json'), 'utf8')).services), ['greeter', 'hello']);
  });

  const errors: Array<{ name: string; files?: Record<string, string>; argv: string[]; message: string; exitCode: number }> = [
    { name: 'no such stage, with a suggestion', argv: ['run', 'deplyo'], message: 'harbor run deplyo: no such stage or service (did you mean deploy?)', exitCode: 2 },
    { name: 'no such service, with a suggestion', argv: ['run', 'greter'], message: 'harbor run greter: no such stage or service (did you mean greeter?)', exitCode: 2 },
    { name: 'arguments after -- for a stage', argv: ['run', 'deploy', '--', 'x'], message: 'run deploy: arguments after -- are only for a one-off service command', exitCode: 2 },
    { name: 'unknown profile', argv: ['run', 'deploy', '--profile', 'gpu', '--capabilities', ''], message: 'unknown profile "gpu"', exitCode: 3 },
    { name: 'unknown handle', argv: ['run', 'deploy', 'helo', '--capabilities', ''], message: 'unknown service "helo" (did you mean hello?)', exitCode: 3 },
    {
      name: 'an invalid descriptor stops before anything runs',
      files: { ...FILES, 'etc/harbor.yaml': DESCRIPTOR.replace('compose.up', 'compose.upp') },
      argv: ['run', 'post_deploy', '--capabilities', ''],
      message: 'etc/harbor.yaml:7:17: deploy.steps[0].action: unknown action "compose.upp" (did you mean compose.up?)',
      exitCode: 3,
    },
    { name: 'malformed YAML', files: { ...FILES, 'etc/harbor.yaml': 'version: 1\ndeploy: {\n' }, argv: ['run', 'deploy'], message: 'etc/harbor.yaml:3:1: malformed YAML: Flow map in block collection must be sufficiently indented and end with a }', exitCode: 3 },
  ];
  for (const c of errors) {
    it(`error: ${c.name}; nothing runs and nothing is written`, async () => {
      const home = await makeTempHome(c.files ?? FILES);
      const before = await snapshotHome(home);
      const deps = createFakeDeps(fakeCompose, home);
      await rejects(runCli(c.argv, [runCommand], deps), (err: Error & { exitCode: number }) => {
        deepStrictEqual([err.message, err.exitCode], [c.message, c.exitCode]);
        return true;
      });
      deepStrictEqual([deps.calls, await snapshotHome(home)], [[], before]);
    });
  }
});
