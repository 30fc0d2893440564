import { deepStrictEqual, rejects } from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../../src/cli/cli';
import { taskRunCommand } from '../../../src/tasks/commands/task-run';
import { createFakeDeps } from '../../support/fake-deps';

const FIXTURES = fileURLToPath(new URL('../../../../tests/fixtures/tasks', import.meta.url));

const calls: string[][] = [];

async function run(argv: string[], env: Record<string, string> = {}) {
  const deps = createFakeDeps(() => ({}), FIXTURES);
  // Inside the runner only the home (the fixtures folder here) is mounted.
  const readMountInfo = async () => `1 0 0:1 / / rw - overlay overlay rw\n2 1 0:2 ${FIXTURES} ${FIXTURES} rw - ext4 /dev/vda rw\n`;
  Object.assign(deps, { env, readMountInfo });
  try {
    await runCli(['task', 'run', ...argv], [taskRunCommand], deps);
  } finally {
    calls.push(...deps.calls.map((c) => c.argv));
  }
}

describe('harbor task run: bad input is refused before anything runs', () => {
  const cases: Array<{ name: string; argv: string[]; env?: Record<string, string>; message: RegExp }> = [
    { name: '-n 0', argv: ['hello-world', '-n', '0'], message: /^task run: --n-concurrent: --n-concurrent takes a whole number of 1 or more$/ },
    { name: '-k x', argv: ['hello-world', '-k', 'x'], message: /^task run: --n-attempts: --n-attempts takes a whole number of 1 or more$/ },
    { name: 'a zero multiplier', argv: ['hello-world', '--timeout-multiplier', '0'], message: /^task run: --timeout-multiplier: must be more than 0$/ },
    { name: 'a multiplier that is not a number', argv: ['hello-world', '--timeout-multiplier', '2x'], message: /^task run: --timeout-multiplier: takes a positive number such as 2 or 0.5$/ },
    { name: 'an agent Harbor does not have', argv: ['hello-world', '--agent', 'claude-code'], message: /^task run: --agent: must be oracle or nop \(Harbor runs no model agents\)$/ },
    { name: 'a job name with a slash', argv: ['hello-world', '--job-name', 'a/b'], message: /^task run: --job-name: use letters, digits/ },
    { name: 'jobs outside the home in the runner', argv: ['hello-world', '-o', '/elsewhere'], env: { HARBOR_IN_RUNNER: '1' }, message: new RegExp(`^/elsewhere: outside the folders the runner can see \\(the Harbor home ${FIXTURES}\\); nothing was written$`) },
    { name: 'a task outside the home in the runner', argv: ['/elsewhere/task'], env: { HARBOR_IN_RUNNER: '1' }, message: new RegExp(`^/elsewhere/task: outside the folders the runner can see \\(the Harbor home ${FIXTURES}\\); nothing was read$`) },
    { name: '-r 1.5', argv: ['hello-world', '-r', '1.5'], message: /^task run: --max-retries: --max-retries takes a whole number of 0 or more$/ },
    { name: 'a retry filter that is not a list of exception names', argv: ['hello-world', '--retry-include', 'Healthcheck Error'], message: /^task run: --retry-include: --retry-include takes exception class names separated by commas, e.g. HealthcheckError,RuntimeError$/ },
    { name: 'an invalid task', argv: ['nope'], message: /^task run: nothing was started:\n {2}nope: no such directory$/ },
    { name: 'no task matches the filters', argv: ['hello-world', '--include', 'x*'], message: /^task run: no task matches --include x\* \(tasks: hello-world\)$/ },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      await rejects(run(c.argv, c.env), (err: Error) => {
        deepStrictEqual(c.message.test(err.message), true, err.message);
        return true;
      });
    });
  }
  it('none of them ran a process or wrote a job folder', () => {
    deepStrictEqual(calls, []);
    deepStrictEqual(existsSync(join(FIXTURES, 'jobs')), false);
  });
});
