import { deepStrictEqual, rejects, strictEqual } from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../../src/cli/cli';
import { taskCheckCommand } from '../../../src/tasks/commands/task-check';
import { renderTaskJsonSchema, taskSchemaCommand } from '../../../src/tasks/commands/task-schema';
import { createFakeDeps } from '../../support/fake-deps';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const FIXTURES = join(REPO, 'tests/fixtures/tasks');
const root = mkdtempSync(join(tmpdir(), 'harbor-task-check-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Inside the runner only the home (the temp root) is mounted. */
const runnerMounts = async () => `1 0 0:1 / / rw - overlay overlay rw\n2 1 0:2 ${root} ${root} rw - ext4 /dev/vda rw\n`;

async function check(argv: string[], env: Record<string, string> = {}) {
  const deps = createFakeDeps(() => ({}), root);
  Object.assign(deps, { env, readMountInfo: runnerMounts });
  const code = await runCli(['task', 'check', ...argv], [taskCheckCommand, taskSchemaCommand], deps);
  return { code, stdout: deps.stdout.join(''), logs: deps.logs };
}

/** A task folder under the temp root: hello-world's files, then `files` over them (null deletes). */
function makeTask(name: string, files: Record<string, string | null>): string {
  const dir = join(root, name);
  cpSync(join(FIXTURES, 'hello-world'), dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    if (text === null) rmSync(join(dir, path), { recursive: true, force: true });
    else {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  }
  return name;
}

describe('harbor task check', () => {
  it('every fixture task is valid; a folder of tasks is checked task by task', async () => {
    const r = await check([FIXTURES]);
    strictEqual(r.code, 0);
    strictEqual(r.stdout.split('\n').filter((l) => l.startsWith('✔')).length, 19);
    deepStrictEqual(r.stdout.trim().split('\n').pop(), '19 of 19 tasks valid');
  });

  it('reports every error of every task at once, with file, key and line; exit 1', async () => {
    const a = makeTask('bad-a', { 'task.toml': 'version = "1.0"\n[environment]\nmemory = "2G"\nmemory_mb = 1\n[verifier]\ntimeout_sec = "x"\n', 'tests/test.sh': null, 'instruction.md': null });
    const b = makeTask('bad-b', { 'environment/Dockerfile': null });
    const r = await check([a, b]);
    strictEqual(r.code, 1);
    deepStrictEqual(r.stdout.split('\n'), [
      '✖ bad-a/task.toml:4: environment.memory_mb: memory = "2G" (2048 MB) and memory_mb = 1 disagree: keep only memory_mb',
      '✖ bad-a/task.toml:6: verifier.timeout_sec: must be a number of seconds',
      "✖ bad-a/instruction.md: missing (the task's prompt)",
      '✖ bad-a/tests/test.sh: missing (the verifier; it writes /logs/verifier/reward.txt or reward.json)',
      '✖ bad-b/environment/: needs a Dockerfile or a docker-compose.yaml, or set [environment].docker_image in task.toml',
      '0 of 2 tasks valid',
      '',
    ]);
  });

  it('required files: instruction.md, tests/test.sh (unless --disable-verification), steps/<name>/, a verifier Dockerfile', async () => {
    const c = makeTask('files', { 'instruction.md': null, 'tests/test.sh': null });
    deepStrictEqual((await check([c])).stdout.split('\n').slice(0, 2), ['✖ files/instruction.md: missing (the task\'s prompt)', '✖ files/tests/test.sh: missing (the verifier; it writes /logs/verifier/reward.txt or reward.json)']);
    deepStrictEqual((await check([c, '--disable-verification'])).stdout.split('\n')[0], '✖ files/instruction.md: missing (the task\'s prompt)');
    const s = makeTask('steps', { 'task.toml': '[[steps]]\nname = "one"\n[verifier.environment]\n' });
    deepStrictEqual((await check([s])).stdout.split('\n').slice(0, 2), ['✖ steps/steps/one/: missing (each [[steps]] entry needs its folder, with instruction.md)', '✖ steps/tests/Dockerfile: missing: a separate verifier environment is built from tests/ (its image must hold /tests/test.sh)']);
  });

  it('docker_image alone is enough for the environment', async () => {
    const d = makeTask('image', { 'task.toml': '[environment]\ndocker_image = "harbor-ci/debian:bookworm"\n', 'environment/Dockerfile': null });
    strictEqual((await check([d])).code, 0);
  });

  it('unknown keys and what local Docker cannot run are warnings of check (and errors of run)', async () => {
    const d = makeTask('warn', { 'task.toml': '[environment]\ngpus = 1\ncolour = "red"\n' });
    const r = await check([d]);
    strictEqual(r.code, 0);
    deepStrictEqual(r.logs, [
      'warn: warn/task.toml:3: environment.colour: unknown key (ignored; the framework ignores it too)',
      "warn: warn/task.toml: environment.gpus: GPUs are not supported by local Docker trials (as in the framework's docker environment): set gpus = 0 or run on a cloud provider (task run refuses this task)",
    ]);
  });

  it('a missing directory, a directory without task.toml, and one outside the home inside the runner', async () => {
    mkdirSync(join(root, 'empty'), { recursive: true });
    const r = await check(['nope', 'empty'], { HARBOR_IN_RUNNER: '1' });
    deepStrictEqual(r.stdout.split('\n').slice(0, 2), [
      '✖ nope: no such directory',
      '✖ empty: no task.toml (a task directory holds task.toml, instruction.md, environment/, tests/test.sh)',
    ]);
    // A path the host would not show the runner is refused before any task is read (shared/host-path.ts).
    await rejects(check(['empty', '/elsewhere/task'], { HARBOR_IN_RUNNER: '1' }), {
      name: 'HostPathError',
      message: `/elsewhere/task: outside the folders the runner can see (the Harbor home ${root}); nothing was read`,
    });
  });

  it('--json', async () => {
    const r = await check([join(FIXTURES, 'hello-world'), '--json']);
    deepStrictEqual(JSON.parse(r.stdout), [{ dir: join(FIXTURES, 'hello-world'), valid: true, errors: [], warnings: [], unsupported: [] }]);
  });

  it('the shipped etc/task-toml.schema.json is the generated one', () => {
    strictEqual(readFileSync(join(REPO, 'etc/task-toml.schema.json'), 'utf8'), renderTaskJsonSchema());
  });
});
