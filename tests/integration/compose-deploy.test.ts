// deploy → use → restart → destroy of the example stack through the runner, on the real engine; then nothing is left.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { requireDocker } from '../support/docker-available';
import { fetchText, makeExampleHome, projectTraces, removeExampleHome, runRunner } from '../support/compose-home';

const example = makeExampleHome();
after(() => removeExampleHome(example));
// A greeting only this run knows: seeing it through hello proves the env reaches compose and the cross file wired greeter in.
const greeting = `greetings-${randomBytes(6).toString('hex')}`;
const env = { HARBOR_GREETING: greeting };

/** `service  url` lines → { service: url }. */
function parseUrlLines(stdout: string): Record<string, string> {
  return Object.fromEntries(stdout.trim().split('\n').map((line) => line.split(/\s+/) as [string, string]));
}

test('deploy, use, restart and destroy the example stack', async (t) => {
  if (!requireDocker(t)) return;
  const { home, project } = example;

  const dry = await runRunner(home, ['deploy', '--dry-run'], env);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, new RegExp(`^    \\$ docker compose -p ${project} --project-directory ${home} -f ${home}/etc/stacks/compose.yml -f ${home}/etc/stacks/compose.greeter.yml -f ${home}/etc/stacks/compose.hello.yml -f ${home}/etc/stacks/compose.x.hello.greeter.yml -f ${home}/var/run/overlays/harbor.gen.yml up -d --wait --remove-orphans$`, 'm'));
  assert.deepStrictEqual(projectTraces(project), { containers: [], networks: [], volumes: [] }, '--dry-run started nothing');

  const deploy = await runRunner(home, ['deploy'], env);
  assert.equal(deploy.code, 0, deploy.stderr);
  const urls = parseUrlLines(deploy.stdout);
  assert.deepStrictEqual(Object.keys(urls), ['greeter', 'hello']);
  assert.match(urls.hello!, /^http:\/\/localhost:\d+$/);
  assert.match(deploy.stderr, /✔ deploy\[0\] compose\.up \(/);
  assert.match(deploy.stderr, /✔ post_deploy\[0\] log\.info/);

  assert.match(await fetchText(`${urls.hello}/`), /<h1>Hello from Harbor<\/h1>/);
  assert.equal(await fetchText(`${urls.hello}/cgi-bin/greeting`), `${greeting}\n`);
  assert.equal(await fetchText(`${urls.greeter}/`), `${greeting}\n`);
  assert.equal(await fetchText(`${urls.hello}/cgi-bin/visits`), '1\n');
  assert.equal(await fetchText(`${urls.hello}/cgi-bin/visits`), '2\n');

  const ps = await runRunner(home, ['ps', '--json'], env);
  assert.equal(ps.code, 0, ps.stderr);
  const containers = (JSON.parse(ps.stdout) as Array<{ service: string; state: string; health: string }>).map(({ service, state, health }) => ({ service, state, health }));
  assert.deepStrictEqual(containers.sort((a, b) => a.service.localeCompare(b.service)), [
    { service: 'greeter', state: 'running', health: 'healthy' },
    { service: 'hello', state: 'running', health: 'healthy' },
  ]);
  const table = await runRunner(home, ['ps'], env);
  assert.match(table.stdout, new RegExp(`${project}-hello-1 .*\\(healthy\\)`));

  const url = await runRunner(home, ['url', 'hello'], env);
  assert.deepStrictEqual({ code: url.code, stdout: url.stdout }, { code: 0, stdout: `${urls.hello}\n` });
  const internal = await runRunner(home, ['url', '-i', 'greeter'], env);
  assert.deepStrictEqual({ code: internal.code, stdout: internal.stdout }, { code: 0, stdout: 'http://greeter:80\n' });
  const active = await runRunner(home, ['ls', '--active'], env);
  assert.deepStrictEqual({ code: active.code, stdout: active.stdout }, { code: 0, stdout: 'greeter\nhello\n' });

  const logs = await runRunner(home, ['logs', '--no-follow', '-n', '50', 'hello'], env);
  assert.equal(logs.code, 0, logs.stderr);
  assert.match(logs.stdout, /hello-1 +\| .*GET \/cgi-bin\/visits|hello-1 +\| .*response:200/);

  // The data volume outlives a restart: the counter goes on.
  const restart = await runRunner(home, ['restart'], env);
  assert.equal(restart.code, 0, restart.stderr);
  const after = parseUrlLines(restart.stdout);
  assert.equal(await fetchText(`${after.hello}/cgi-bin/visits`), '3\n');

  const exec = await runRunner(home, ['exec', 'hello', 'cat', '/data/visits'], env);
  assert.deepStrictEqual({ code: exec.code, stdout: exec.stdout }, { code: 0, stdout: '3\n' });
  const failing = await runRunner(home, ['exec', 'hello', '--', 'sh', '-c', 'exit 7'], env);
  assert.equal(failing.code, 7, 'the command\'s own exit code comes back');

  // A persisted env file (prepare.env.persist) holds secrets: destroy removes it.
  mkdirSync(join(home, 'var/run'), { recursive: true });
  writeFileSync(join(home, 'var/run/.env.run'), 'TOKEN=x\n', { mode: 0o600 });
  const destroy = await runRunner(home, ['destroy', '--volumes'], env);
  assert.equal(destroy.code, 0, destroy.stderr);
  assert.deepStrictEqual(projectTraces(project), { containers: [], networks: [], volumes: [] });
  assert.equal(existsSync(join(home, 'var/run/.env.run')), false);
});
