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
  Object.assign(deps, { env });
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
    { name: 'jobs outside the home in the runner', argv: ['hello-world', '-o', '/elsewhere'], env: { HARBOR_IN_RUNNER: '1' }, message: /^task run: --jobs-dir \/elsewhere is outside the Harbor home/ },
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
