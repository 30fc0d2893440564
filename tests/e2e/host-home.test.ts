// Host paths are the host's: through ./harbor.sh, compose in the runner reads ~, ${HOME} and ./ as plain compose does on the host.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dockerAnswers, requireDocker } from '../support/docker-available';
import { projectTraces } from '../support/compose-home';
import { hostOnlyPath, recordingDockerPath } from '../support/host-path';
import { runHarbor } from '../support/run-harbor';

const id = randomBytes(4).toString('hex');
// Folder names only this run uses, so "not under /tmp" cannot be fooled by an earlier run.
const names = { a: `harbor-hh-${id}-a`, b: `harbor-hh-${id}-b`, c: `harbor-hh-${id}-c`, d: `harbor-hh-${id}-d` };
let hostHome = '';
let home = '';
let project = '';

before(() => {
  hostHome = mkdtempSync(join(tmpdir(), `harbor-hh-user-${id}-`));
  home = mkdtempSync(join(tmpdir(), `harbor-hh-${id}-`));
  project = basename(home).toLowerCase().replace(/[^a-z0-9_-]/g, '');
  mkdirSync(join(home, 'etc', 'stacks'), { recursive: true });
  writeFileSync(
    join(home, 'etc', 'stacks', 'compose.yml'),
    [
      'services:',
      '  hh:',
      `    image: ${process.env.HARBOR_EXAMPLE_BASE_IMAGE ?? 'harbor-ci/debian:bookworm'}`,
      '    command: ["sleep", "infinity"]',
      '    init: true',
      '    volumes:',
      `      - ~/${names.a}:/a`,
      `      - \${HOME}/${names.b}:/b`,
      `      - ./${names.c}:/c`,
      `      - \${XDG_CACHE_HOME:-/nonexistent}/${names.d}:/d`,
      '',
    ].join('\n'),
  );
});

after(() => {
  spawnSync('docker', ['compose', '-p', project, 'down', '--remove-orphans', '-t', '0'], { stdio: 'ignore' });
  // The engine creates missing bind sources as root: remove them through a container when this user cannot.
  for (const dir of [hostHome, home]) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      spawnSync('docker', ['run', '--rm', '-v', `${dir}:/x`, 'harbor-ci/debian:bookworm', 'rm', '-rf', '/x'], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

const xdgCache = () => join(hostHome, 'xdg-cache');
const harbor = (args: string[], env: Record<string, string> = {}) =>
  runHarbor(args, { env: { HOME: hostHome, XDG_CACHE_HOME: xdgCache(), HARBOR_HOME: home, NO_COLOR: '1', ...env } });

describe('host HOME through ./harbor.sh', { skip: !dockerAnswers() && !process.env.CI }, () => {
  test('up --dry-run prints the exact compose command and changes nothing on the engine or the disk', async (t) => {
    if (!requireDocker(t)) return;
    const r = await harbor(['up', '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`\\$ docker compose -p ${project} --project-directory ${home} -f ${home}/etc/stacks/compose.yml -f ${home}/var/run/overlays/harbor.gen.yml up -d --wait\n`));
    assert.deepEqual(projectTraces(project), { containers: [], networks: [], volumes: [] });
    for (const dir of [join(hostHome, names.a), join(hostHome, names.b), join(home, names.c), join(home, 'var')]) assert.equal(existsSync(dir), false, `${dir} was created`);
  });

  test('`harbor config` equals `docker compose config` run on the host for ~/a, ${HOME}/b, ./c and ${XDG_CACHE_HOME}/d', async (t) => {
    if (!requireDocker(t)) return;
    const r = await harbor(['config']);
    assert.equal(r.code, 0, r.stderr);
    const file = join(home, 'etc', 'stacks', 'compose.yml');
    const host = spawnSync('docker', ['compose', '-p', project, '--project-directory', home, '-f', file, 'config'], {
      encoding: 'utf8',
      env: { PATH: hostOnlyPath(), HOME: hostHome, XDG_CACHE_HOME: xdgCache() },
    });
    assert.equal(host.status, 0, host.stderr);
    assert.equal(r.stdout, host.stdout);
    for (const [name, dir] of [[names.a, hostHome], [names.b, hostHome], [names.c, home], [names.d, xdgCache()]] as const) {
      assert.ok(r.stdout.includes(`source: ${join(dir, name)}\n`), `${name} under ${dir}:\n${r.stdout}`);
    }
  });

  test('after a deploy the bind folders exist under that HOME (and the home), nowhere under /tmp', async (t) => {
    if (!requireDocker(t)) return;
    const r = await harbor(['deploy']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(projectTraces(project).containers.length, 1);
    assert.ok(statSync(join(hostHome, names.a)).isDirectory(), '~/a under the host HOME');
    assert.ok(statSync(join(hostHome, names.b)).isDirectory(), '${HOME}/b under the host HOME');
    assert.ok(statSync(join(home, names.c)).isDirectory(), './c in the home');
    assert.ok(statSync(join(xdgCache(), names.d)).isDirectory(), '${XDG_CACHE_HOME}/d under the host XDG_CACHE_HOME');
    for (const name of Object.values(names)) assert.equal(existsSync(join('/tmp', name)), false, `/tmp/${name} was created`);
    const down = await harbor(['destroy']);
    assert.equal(down.code, 0, down.stderr);
  });

  test('the Docker client config: mounted read-only when its logins are in the file, left out when it names host helpers', async (t) => {
    if (!requireDocker(t)) return;
    const auth = Buffer.from(`ada:tok-${id}`).toString('base64');
    const config = join(hostHome, `docker-cfg-${id}`);
    mkdirSync(config);
    // Docker Desktop's shape: tab-indented, credsStore plus per-registry helpers.
    writeFileSync(join(config, 'config.json'), `{\n\t"auths": {\n\t\t"127.0.0.1:5999": {}\n\t},\n\t"credsStore": "hh-missing-${id}",\n\t"credHelpers": {\n\t\t"ghcr.io": "gcloud"\n\t}\n}\n`);
    // DOCKER_CONFIG is honoured, as the docker CLI does; without it, ~/.docker/config.json.
    const r = await harbor(['doctor', '--json'], { DOCKER_CONFIG: config });
    type Check = { name: string; status: string; message: string; hint?: string };
    const check = (JSON.parse(r.stdout) as { checks: Check[] }).checks.find((c) => c.name === 'docker config');
    assert.deepEqual(check && { status: check.status, message: check.message }, {
      status: 'warn',
      message: `${join(config, 'config.json')} keeps credentials in docker-credential-hh-missing-${id} (credsStore) and the programs of its credHelpers, which live only on the host: harbor.sh did not mount it (in the runner every pull would fail on the missing helper), so public images pull as before and private ones fail`,
    });

    mkdirSync(join(hostHome, '.docker'));
    writeFileSync(join(hostHome, '.docker', 'config.json'), JSON.stringify({ auths: { '127.0.0.1:5999': { auth } } }));
    const plain = await harbor(['doctor', '--json']);
    const found = (JSON.parse(plain.stdout) as { checks: Check[] }).checks.find((c) => c.name === 'docker config');
    assert.deepEqual(found, { name: 'docker config', status: 'ok', message: `${join(hostHome, '.docker', 'config.json')} (read-only): logins for 127.0.0.1:5999` });
    assert.ok(!plain.stdout.includes(auth) && !plain.stderr.includes(auth), 'the stored credential is never printed');
    // Mounted read-only, that one file only: docker's own argv as the shim ran it (a recording wrapper of the real docker).
    const log = join(hostHome, `docker-argv-${id}.log`);
    const recorded = await runHarbor(['--version'], { path: recordingDockerPath(log), env: { HOME: hostHome, HARBOR_HOME: home } });
    assert.equal(recorded.code, 0, recorded.stderr);
    const run = readFileSync(log, 'utf8').split('--call--\n').find((call) => call.startsWith('run\n'))!.split('\n');
    assert.ok(run.includes(`${join(hostHome, '.docker', 'config.json')}:/tmp/harbor-docker/config.json:ro`), run.join(' '));
    assert.ok(run.includes('HOME') && !run.some((arg) => arg.startsWith('HOME=')), 'HOME passed by name only');
  });
});
