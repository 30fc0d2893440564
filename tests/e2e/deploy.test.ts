// The main job through ./harbor.sh on the real engine, with no node on PATH: deploy, use, Ctrl-C, destroy.
// Deploy and destroy go through the real `just deploy` / `just destroy` (the home's Justfile), as a user types them.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { requireDocker, dockerAnswers } from '../support/docker-available';
import { requireTools, toolOnPath } from '../support/host-tools';
import { EXAMPLE_ENV, makeExampleHome, projectTraces, removeExampleHome, type ExampleHome } from '../support/compose-home';
import { hostOnlyPath } from '../support/host-path';
import { REPO, SHIM, runHarbor } from '../support/run-harbor';

let example: ExampleHome;
let shim: string;
// A greeting only this run knows, passed by name through the shim: seeing it proves it reached compose.
const greeting = `e2e-greeting-${process.pid}`;
const env = { ...EXAMPLE_ENV, NO_COLOR: '1', HARBOR_GREETING: greeting };

before(() => {
  example = makeExampleHome();
  // A home that is not a source checkout: it uses the runner image the test run built, as an install would.
  shim = join(example.home, 'harbor.sh');
  copyFileSync(SHIM, shim);
  copyFileSync(join(REPO, 'Justfile'), join(example.home, 'Justfile'));
});
after(() => removeExampleHome(example));

const harbor = (args: string[]) => runHarbor(args, { script: shim, cwd: example.home, env });
/** `just RECIPE ARGS` in the home: just runs the recipe (`./harbor.sh …`) with sh, as on a user's host. */
const just = (args: string[]) => {
  const r = spawnSync('just', args, { cwd: example.home, encoding: 'utf8', env: { PATH: hostOnlyPath(), HOME: process.env.HOME ?? '/root', ...env } });
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
};

describe('./harbor.sh on the example stack', { skip: (!dockerAnswers() || !toolOnPath('just')) && !process.env.CI }, () => {
  let url = '';

  test('just deploy brings hello and greeter up and prints the URL', async (t) => {
    if (!requireDocker(t) || !requireTools(t, 'just')) return;
    const r = just(['deploy']);
    assert.equal(r.code, 0, r.stderr);
    const found = `${r.stdout}\n${r.stderr}`.match(/http:\/\/localhost:\d+\/?/g);
    assert.ok(found && found.length > 0, `no URL printed:\n${r.stdout}\n${r.stderr}`);
    const hello = await harbor(['url', 'hello']);
    assert.equal(hello.code, 0, hello.stderr);
    url = hello.stdout.trim();
    assert.ok(found.some((u) => u.replace(/\/$/, '') === url.replace(/\/$/, '')), `deploy did not print hello's URL ${url}`);
  });

  test('the page answers, with the greeting hello fetches from greeter over the stack network', async (t) => {
    if (!requireDocker(t)) return;
    const page = await fetch(url);
    assert.equal(page.status, 200);
    const answer = await fetch(new URL('/cgi-bin/greeting', url));
    assert.equal(answer.status, 200);
    assert.equal(await answer.text(), `${greeting}\n`);
  });

  test('ps lists both services', async (t) => {
    if (!requireDocker(t)) return;
    const r = await harbor(['ps']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /hello/);
    assert.match(r.stdout, /greeter/);
  });

  test('Ctrl-C stops a following `logs` cleanly: exit 130, no runner container left', async (t) => {
    if (!requireDocker(t)) return;
    const child = spawn('sh', [shim, 'logs', 'hello'], { cwd: example.home, env: { PATH: hostOnlyPath(), HOME: process.env.HOME ?? '/root', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    // Wait until logs are flowing (the runner and compose are both up), then interrupt the shim.
    for (let i = 0; i < 100 && !/hello/.test(out); i++) await new Promise((r) => setTimeout(r, 100));
    assert.match(out, /hello/, 'logs never started');
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    child.kill('SIGINT');
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000))]);
    assert.notEqual(code, 'timeout', 'harbor did not stop within 15 s of SIGINT');
    assert.equal(code, 130);
    const left = spawnSync('docker', ['ps', '--filter', 'label=io.harbor.runner=1', '--filter', `volume=${example.home}`, '-q'], { encoding: 'utf8' }).stdout.trim();
    assert.equal(left, '', 'a runner container is still running');
  });

  test('an unknown handle is refused with a suggestion, and nothing changes', async (t) => {
    if (!requireDocker(t)) return;
    const before = projectTraces(example.project);
    const r = await harbor(['up', 'helo']);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /✖ unknown service "helo" \(did you mean hello\?\)/);
    assert.deepEqual(projectTraces(example.project), before);
  });

  test('just destroy --volumes removes every container, network and volume of the project', async (t) => {
    if (!requireDocker(t) || !requireTools(t, 'just')) return;
    const r = just(['destroy', '--volumes']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(projectTraces(example.project), { containers: [], networks: [], volumes: [] });
  });
});
