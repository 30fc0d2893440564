// On the real engine: after a change to one service's env or to one service's template, `harbor deploy` recreates
// exactly that service (container ID and creation time), and a deploy with nothing changed recreates none.
// (Compose adds its own rule: a service that depends_on a recreated one is recreated too.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { requireDocker } from '../support/docker-available';
import { fetchText, makeExampleHome, removeExampleHome, runRunner } from '../support/compose-home';

const example = makeExampleHome();
after(() => removeExampleHome(example));
const { home, project } = example;

function put(path: string, text: string): void {
  mkdirSync(dirname(join(home, path)), { recursive: true });
  writeFileSync(join(home, path), text);
}

// The example stack plus a template for hello, served by its httpd from the rendered config folder.
const helloCompose = readFileSync(join(home, 'etc/stacks/compose.hello.yml'), 'utf8');
assert.ok(helloCompose.includes('      - hello-data:/data\n'));
put('etc/stacks/compose.hello.yml', helloCompose.replace('      - hello-data:/data\n', '      - hello-data:/data\n      - ./var/run/hello/config:/www/config:ro\n'));
put('stacks/hello/templates/motd.txt.tmpl', 'motd: ${HELLO_MOTD}\n');
put('etc/sys.env', 'HELLO_MOTD=first\n');
put('stacks/greeter/service.env', 'GREETER_NOTE=one\n');
// Compose itself recreates a service whose depends_on target was recreated (docker/compose#10308), so the
// first part runs without the cross file's depends_on; the last part puts it back and shows that rule apart.
const crossFile = readFileSync(join(home, 'etc/stacks/compose.x.hello.greeter.yml'), 'utf8');
const dependsOn = '    depends_on:\n      greeter:\n        condition: service_healthy\n';
assert.ok(crossFile.includes(dependsOn));
put('etc/stacks/compose.x.hello.greeter.yml', crossFile.replace(dependsOn, ''));

interface Container {
  id: string;
  created: string;
  labels: Record<string, string>;
}

/** Each service's container: ID, creation time and labels, from the engine. */
function containers(): Record<string, Container> {
  const ids = spawnSync('docker', ['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  const inspected = JSON.parse(spawnSync('docker', ['inspect', ...ids], { encoding: 'utf8' }).stdout) as Array<{ Id: string; Created: string; Config: { Labels: Record<string, string> } }>;
  return Object.fromEntries(inspected.map((c) => [c.Config.Labels['com.docker.compose.service']!, { id: c.Id, created: c.Created, labels: c.Config.Labels }]));
}

async function deploy(): Promise<Record<string, Container>> {
  const r = await runRunner(home, ['deploy']);
  assert.equal(r.code, 0, r.stderr);
  return containers();
}

/** Which services got a new container between two snapshots. */
function recreated(before: Record<string, Container>, now: Record<string, Container>): string[] {
  return Object.keys(now).filter((s) => before[s]?.id !== now[s]!.id || before[s]?.created !== now[s]!.created).sort();
}

async function helloUrl(): Promise<string> {
  const r = await runRunner(home, ['url', 'hello']);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim();
}

test('only the service whose env or template changed is recreated', async (t) => {
  if (!requireDocker(t)) return;
  const first = await deploy();
  assert.deepStrictEqual(Object.keys(first).sort(), ['greeter', 'hello']);
  assert.match(first.hello!.labels['harbor.config-hash'] ?? '', /^[0-9a-f]{64}$/, 'hello carries its config hash');
  assert.match(first.greeter!.labels['harbor.env-hash'] ?? '', /^[0-9a-f]{64}$/, 'greeter carries its env hash');
  assert.equal(await fetchText(`${await helloUrl()}/config/motd.txt`), 'motd: first\n');

  const same = await deploy();
  assert.deepStrictEqual(recreated(first, same), [], 'nothing changed, nothing recreated');

  put('stacks/greeter/service.env', 'GREETER_NOTE=two\n');
  const envChanged = await deploy();
  assert.deepStrictEqual(recreated(same, envChanged), ['greeter'], "only greeter's env changed");
  const note = await runRunner(home, ['exec', 'greeter', 'printenv', 'GREETER_NOTE']);
  assert.deepStrictEqual({ code: note.code, stdout: note.stdout }, { code: 0, stdout: 'two\n' });

  put('stacks/hello/templates/motd.txt.tmpl', 'motd of the day: ${HELLO_MOTD}\n');
  const templateChanged = await deploy();
  assert.deepStrictEqual(recreated(envChanged, templateChanged), ['hello'], "only hello's template changed");
  assert.equal(await fetchText(`${await helloUrl()}/config/motd.txt`), 'motd of the day: first\n');

  // With hello depending on greeter, an env change of greeter alone recreates hello too: compose's rule, not a
  // Harbor label (hello's stay the same).
  put('etc/stacks/compose.x.hello.greeter.yml', crossFile);
  const withDependsOn = await deploy();
  put('stacks/greeter/service.env', 'GREETER_NOTE=three\n');
  const dependent = await deploy();
  assert.deepStrictEqual(recreated(withDependsOn, dependent), ['greeter', 'hello']);
  const harborLabels = (c: Container) => [c.labels['harbor.config-hash'], c.labels['harbor.env-hash']];
  assert.deepStrictEqual(harborLabels(dependent.hello!), harborLabels(withDependsOn.hello!));
  assert.notDeepStrictEqual(harborLabels(dependent.greeter!), harborLabels(withDependsOn.greeter!));

  const destroy = await runRunner(home, ['destroy', '--volumes']);
  assert.equal(destroy.code, 0, destroy.stderr);
});
