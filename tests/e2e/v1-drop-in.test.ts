// The drop-in path (docs/migration.md): v2's shim, Dockerfile.runner, runner/ and package files copied into a
// v1-shaped checkout (v1 0.5.5's 652 compose file names in services/, compose.yml and .env at the root), then ./harbor.sh up.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dockerAnswers, requireDocker } from '../support/docker-available';
import { projectTraces } from '../support/compose-home';
import { REPO, runHarbor } from '../support/run-harbor';

const id = randomBytes(4).toString('hex');
const service = `hhv${id}`;
const greeting = `v1-env-${id}`;
let home = '';
let project = '';

before(() => {
  home = mkdtempSync(join(tmpdir(), `harbor-v1d-${id}-`));
  project = basename(home).toLowerCase().replace(/[^a-z0-9_-]/g, '');
  // v1's shape: every name of its catalogue in services/ (stubs), the base file and .env at the root.
  mkdirSync(join(home, 'services'));
  for (const name of readFileSync(join(REPO, 'tests/fixtures/harbor-v1-compose-files.txt'), 'utf8').split('\n').filter(Boolean)) {
    writeFileSync(join(home, 'services', name), 'services: {}\n');
  }
  writeFileSync(join(home, 'compose.yml'), 'networks:\n  harbor-network:\n    external: false\n');
  writeFileSync(
    join(home, 'services', `compose.${service}.yml`),
    [
      'services:',
      `  ${service}:`,
      `    image: ${process.env.HARBOR_EXAMPLE_BASE_IMAGE ?? 'harbor-ci/debian:bookworm'}`,
      '    command: ["sleep", "infinity"]',
      '    init: true',
      '    environment:',
      '      GREETING: ${HARBOR_TEST_GREETING}',
      '    networks: [harbor-network]',
      '',
    ].join('\n'),
  );
  writeFileSync(join(home, '.env'), `HARBOR_SERVICES_DEFAULT="${service}"\nHARBOR_CAPABILITIES_AUTODETECT=true\nHARBOR_CAPABILITIES_DEFAULT=""\nHARBOR_TEST_GREETING="${greeting}"\n`);
  writeFileSync(join(home, 'harbor.sh'), '#!/usr/bin/env bash\necho "this is v1\'s CLI"\n');
  writeFileSync(join(home, 'package.json'), '{ "name": "@avcodes/harbor", "version": "0.5.5" }\n');
});

after(() => {
  spawnSync('docker', ['compose', '-p', project, 'down', '--remove-orphans', '-t', '0'], { stdio: 'ignore' });
  rmSync(home, { recursive: true, force: true });
});

const harbor = (args: string[], env: Record<string, string> = {}) => runHarbor(args, { script: join(home, 'harbor.sh'), cwd: home, env: { NO_COLOR: '1', ...env } });

describe('drop-in into a v1 checkout', { skip: !dockerAnswers() && !process.env.CI }, () => {
  test('with only the shim, Dockerfile.runner and runner/, building from source names the missing v2 package files', async (t) => {
    if (!requireDocker(t)) return;
    copyFileSync(join(REPO, 'harbor.sh'), join(home, 'harbor.sh'));
    copyFileSync(join(REPO, 'Dockerfile.runner'), join(home, 'Dockerfile.runner'));
    cpSync(join(REPO, 'runner'), join(home, 'runner'), { recursive: true });
    const r = await harbor(['runner', 'build'], { HARBOR_BUNDLE_FROM: 'source', HARBOR_RUNNER_IMAGE: `harbor-v1d-never-built:${id}` });
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`cannot build harbor-v1d-never-built:${id}: ${home}/package-lock.json is missing \\(copy Harbor v2's package.json and package-lock.json beside Dockerfile.runner: docs/migration.md, "Drop-in"\\)`));
  });

  test('with the package files too, ./harbor.sh up starts v1\'s default service on v1\'s layout, .env interpolated', async (t) => {
    if (!requireDocker(t)) return;
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(REPO, file), join(home, file));
    const doctor = await harbor(['doctor', '--json']);
    const layout = (JSON.parse(doctor.stdout) as { checks: Array<{ name: string; message: string }> }).checks.find((c) => c.name === 'layout');
    assert.equal(
      layout?.message,
      "Harbor v1's layout (compose files in services/, .env as the sys layer): no etc/harbor.yaml, no etc/stacks/; services/ has 653 compose.*.yml files, compose.yml is at the root, .env is at the root: Harbor v1's layout",
      doctor.stderr,
    );
    const up = await harbor(['up']);
    assert.equal(up.code, 0, up.stderr);
    assert.deepEqual(projectTraces(project).containers.length, 1);
    const inspect = spawnSync('docker', ['inspect', '--format', '{{json .Config.Env}} {{json .NetworkSettings.Networks}}', `${project}-${service}-1`], { encoding: 'utf8' });
    assert.match(inspect.stdout, new RegExp(`"GREETING=${greeting}"`));
    assert.match(inspect.stdout, new RegExp(`"${project}_harbor-network"`), 'the network of the root compose.yml');
    const down = await harbor(['down']);
    assert.equal(down.code, 0, down.stderr);
    assert.deepEqual(projectTraces(project).containers, []);
  });
});
