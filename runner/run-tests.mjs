// The one test command (`npm test`): type-check, bundle, build the runner image, then run every test file
// with node:test. `npm test -- unit` runs only the unit tests (no Docker needed).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { glob } from 'tinyglobby';

const root = fileURLToPath(new URL('..', import.meta.url));
const scope = process.argv[2] ?? 'all';
if (!['all', 'unit'].includes(scope)) {
  console.error(`run-tests: unknown scope "${scope}" (use "unit" or nothing)`);
  process.exit(2);
}

function step(label, argv, env = process.env) {
  console.error(`run-tests: ${label}`);
  const r = spawnSync(argv[0], argv.slice(1), { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`run-tests: ${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

/** Base images for the runner image: CI's stand-ins when provision named them, else the local ones if present. */
function imageEnv() {
  // The test images are built offline: the bundle from the host, no Debian packages added.
  const env = { ...process.env, HARBOR_BUNDLE_FROM: 'host', HARBOR_RUNNER_PACKAGES: process.env.HARBOR_RUNNER_PACKAGES ?? '' };
  const pick = (ci, local) => {
    if (process.env[ci]) return process.env[ci];
    const r = spawnSync('docker', ['image', 'inspect', local], { stdio: 'ignore' });
    return r.status === 0 ? local : undefined;
  };
  // The runner's default base is Node 24 (Dockerfile.runner): test on the local Node 24 image.
  const node = pick('CI_NODE24_IMAGE', 'harbor-ci/node:24');
  const cli = pick('CI_DOCKER_CLI_IMAGE', 'harbor-ci/docker-cli:28');
  if (node) env.HARBOR_NODE_IMAGE ??= node;
  if (cli) env.HARBOR_DOCKER_CLI_IMAGE ??= cli;
  return env;
}

function dockerAnswers() {
  return spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { stdio: 'ignore' }).status === 0;
}

step('type-check', [process.execPath, `${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.json', '--noEmit']);
step('bundle', [process.execPath, `${root}runner/build.mjs`]);

const patterns = ['runner/test/**/*.test.ts'];
let env = process.env;
if (scope === 'all') {
  if (dockerAnswers()) {
    env = imageEnv();
    step('runner image', ['sh', `${root}harbor.sh`, 'runner', 'build'], env);
  } else if (process.env.CI) {
    console.error('run-tests: no Docker engine answers, and CI must not skip the Docker tests (run ../shared/docker/provision)');
    process.exit(1);
  } else {
    console.error('run-tests: no Docker engine answers: the integration and end-to-end tests will be skipped');
  }
  patterns.push('tests/**/*.test.ts');
}

const files = (await glob(patterns, { cwd: root })).sort();
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...files], { cwd: root, stdio: 'inherit', env });
process.exit(r.status ?? 1);
