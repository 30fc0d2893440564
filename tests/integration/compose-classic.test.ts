// The classic v1 commands on the example stack through the runner: up by handle, cross files, ls, cmd, logs, down, one-off run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, test } from 'node:test';
import { createConsola } from 'consola';
import { createProcessRunner } from '../../runner/src/shared/process-runner';
import { runServiceOneOff } from '../../runner/src/compose/commands/run-service-one-off';
import type { Deps } from '../../runner/src/shared/deps';
import { requireDocker } from '../support/docker-available';
import { EXAMPLE_ENV, fetchText, makeExampleHome, projectTraces, removeExampleHome, runRunner } from '../support/compose-home';

const example = makeExampleHome();
after(() => removeExampleHome(example));

function running(project: string): string[] {
  return spawnSync('docker', ['ps', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Label "com.docker.compose.service"}}'], { encoding: 'utf8' })
    .stdout.split('\n').filter(Boolean).sort();
}

test('classic commands: up by handle, cross file on demand, ls, cmd, logs, down by handle, down, destroy', async (t) => {
  if (!requireDocker(t)) return;
  const { home, project } = example;

  // A fresh build happens here: --json must still be the only thing on stdout.
  const first = await runRunner(home, ['up', '--no-defaults', 'hello', '--json']);
  assert.equal(first.code, 0, first.stderr);
  const upJson = JSON.parse(first.stdout) as { project: string; files: string[]; services: string[]; urls: Array<{ service: string; url: string }> };
  assert.deepStrictEqual({ project: upJson.project, files: upJson.files, services: upJson.services, services_with_urls: upJson.urls.map((u) => u.service) }, {
    project,
    files: ['etc/stacks/compose.yml', 'etc/stacks/compose.hello.yml'],
    services: ['hello'],
    services_with_urls: ['hello'],
  });
  assert.ok(first.stderr.includes(`Container ${project}-hello-1  Started`), first.stderr);
  const hello = upJson.urls[0]!.url;
  assert.equal(await fetchText(`${hello}/cgi-bin/greeting`), 'No greeter wired in: run harbor up greeter\n');

  // The defaults (hello, greeter) plus nothing: the cross file joins and hello is recreated with GREETER_URL.
  const second = await runRunner(home, ['up']);
  assert.equal(second.code, 0, second.stderr);
  assert.deepStrictEqual(second.stdout.split('\n').filter(Boolean).map((l) => l.split(/\s+/)[0]), ['greeter', 'hello']);
  const helloNow = second.stdout.split('\n').find((l) => l.startsWith('hello'))!.split(/\s+/)[1]!;
  assert.equal(await fetchText(`${helloNow}/cgi-bin/greeting`), 'Greetings from the greeter service\n');
  assert.deepStrictEqual(running(project), ['greeter', 'hello']);

  const ls = await runRunner(home, ['ls']);
  assert.deepStrictEqual({ code: ls.code, stdout: ls.stdout }, { code: 0, stdout: 'greeter\nhello\nlitellm\ntraefik\nwebui\n' });
  const lsJson = await runRunner(home, ['ls', '--active', '--json']);
  assert.deepStrictEqual({ code: lsJson.code, stdout: lsJson.stdout }, { code: 0, stdout: '["greeter","hello"]\n' });

  // `harbor cmd` prints a line a shell can run as is.
  const cmd = await runRunner(home, ['cmd']);
  assert.equal(cmd.code, 0, cmd.stderr);
  const viaShell = spawnSync('sh', ['-c', `${cmd.stdout.trim()} config --services | sort`], { encoding: 'utf8', env: { ...process.env, ...EXAMPLE_ENV } });
  assert.deepStrictEqual({ status: viaShell.status, stdout: viaShell.stdout }, { status: 0, stdout: 'greeter\nhello\n' });

  // Without handles, logs cover every running service.
  await fetchText(`${helloNow}/`);
  const logs = await runRunner(home, ['logs', '--no-follow']);
  assert.equal(logs.code, 0, logs.stderr);
  // Compose 2.26 starts each line with an erase-line escape even with --ansi never.
  assert.match(logs.stdout, /^(\x1b\[2K)?greeter-1 +\| /m);
  assert.match(logs.stdout, /^(\x1b\[2K)?hello-1 +\| /m);

  const shell = await runRunner(home, ['shell', 'hello']);
  assert.equal(shell.code, 0, shell.stderr);

  const build = await runRunner(home, ['build', 'hello']);
  assert.deepStrictEqual({ code: build.code, stdout: build.stdout }, { code: 0, stdout: '' });

  const downOne = await runRunner(home, ['down', 'greeter']);
  assert.equal(downOne.code, 0, downOne.stderr);
  assert.deepStrictEqual(running(project), ['hello']);

  const down = await runRunner(home, ['down']);
  assert.equal(down.code, 0, down.stderr);
  assert.deepStrictEqual(projectTraces(project), { containers: [], networks: [], volumes: [`${project}_hello-data`] }, 'down keeps volumes');

  const destroy = await runRunner(home, ['destroy', '--volumes']);
  assert.equal(destroy.code, 0, destroy.stderr);
  assert.deepStrictEqual(projectTraces(project), { containers: [], networks: [], volumes: [] });
});

test('runServiceOneOff: a one-off container of a service on the stack network, its exit code returned', async (t) => {
  if (!requireDocker(t)) return;
  const { home, project } = example;
  const lines: string[] = [];
  const log = createConsola({ level: 3, reporters: [{ log: (e) => lines.push(e.args.join(' ')) }] });
  const processes = createProcessRunner(log, { ...process.env, ...EXAMPLE_ENV });
  const out: string[] = [];
  const deps: Deps = { log, out: (s) => out.push(s), env: { ...process.env, ...EXAMPLE_ENV }, home, cwd: home, run: processes.run, debug: false };
  try {
    assert.equal(await runServiceOneOff(deps, 'greeter', ['sh', '-c', 'test "$GREETING" = "Greetings from the greeter service"']), 0);
    assert.equal(await runServiceOneOff(deps, 'greeter', ['sh', '-c', 'exit 5']), 5);
    const oneOffs = spawnSync('docker', ['ps', '-a', '-q', '--filter', `label=com.docker.compose.project=${project}`, '--filter', 'label=com.docker.compose.oneoff=True'], { encoding: 'utf8' });
    assert.equal(oneOffs.stdout, '', '--rm: no one-off container stays');
  } finally {
    spawnSync('docker', ['compose', '-p', project, 'down', '--remove-orphans'], { cwd: home, stdio: 'ignore' });
  }
});
