// Runs one verify check on a deployed stack: tests/test.sh in a throwaway container of a service, reward read as for tasks.
import { access, chmod, constants, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { buildComposeArgv } from '../compose/core/compose-argv';
import { buildComposeCallArgv } from '../compose/model/compose-call-argv';
import type { Deps } from '../shared/deps';
import { parseReward, type Rewards } from './core/parse-reward';
import type { VerifyCheck } from './core/plan-verify-checks';
import { TaskError } from './task-error';

export interface VerifyRunInput {
  project: { name: string; directory: string };
  files: readonly string[];
  composeEnv: Readonly<Record<string, string>>;
  envNames: readonly string[];
  timeoutSec: number;
  /** uid:gid the test runs as (so what it writes belongs to the user); undefined = the image's user. */
  user: string | undefined;
  /** The stack's secret values: with them compose gets Harbor's single file (docs/compose-model.md), else the N files. */
  secretValues?: readonly string[];
}

export interface VerifyOutcome {
  check: string;
  service: string;
  rewards: Rewards | null;
  error: { type: string; message: string } | null;
  /** var/run/verify/<check>/, relative to the home. */
  logs: string;
}

export async function runVerifyCheck(deps: Deps, check: VerifyCheck, input: VerifyRunInput): Promise<VerifyOutcome> {
  const home = input.project.directory;
  const tests = join(home, check.path);
  const script = join(tests, 'test.sh');
  if (!(await stat(script).catch(() => undefined))?.isFile()) {
    throw new TaskError(`verify: ${check.path}/test.sh: missing (a verify check is a task-format tests/ folder: test.sh writes /logs/verifier/reward.txt or reward.json)`, { hint: `create it, or drop ${check.service} from the step's services` });
  }
  if (!(await access(script, constants.X_OK).then(() => true, () => false))) {
    throw new TaskError(`verify: ${check.path}/test.sh is not executable (the folder is mounted read-only, and the script runs through its #! line)`, { hint: `chmod +x ${check.path}/test.sh` });
  }
  const logs = `var/run/verify/${check.name}`;
  await rm(join(home, logs), { recursive: true, force: true });
  await mkdir(join(home, logs), { recursive: true });
  await chmod(join(home, logs), 0o777);
  const container = `${input.project.name}-verify-${check.name}-${process.pid}`.replace(/[^A-Za-z0-9_.-]/g, '-');
  const args = ['--rm', '--no-deps', '-T', '--name', container, '--entrypoint', 'sh', '-v', `${tests}:/tests:ro`, '-v', `${join(home, logs)}:/logs/verifier`];
  if (input.user) args.push('-u', input.user);
  // Names only: compose takes each value from its own environment, so no value reaches argv.
  for (const name of input.envNames) args.push('-e', name);
  args.push(check.service, '-c', '(/tests/test.sh) > /logs/verifier/test-stdout.txt 2>&1');
  const planned = buildComposeArgv(input.project, input.files, 'run', args);
  const argv = input.secretValues === undefined ? planned : await buildComposeCallArgv(deps, input.project, input.files, { composeEnv: input.composeEnv, secretValues: input.secretValues }, planned);
  const outcome: VerifyOutcome = { check: check.name, service: check.service, rewards: null, error: null, logs };
  try {
    const r = await deps.run(argv, { cwd: home, env: { ...input.composeEnv }, stdio: 'capture', signal: AbortSignal.timeout(input.timeoutSec * 1000) });
    // test.sh's exit code is ignored, as for tasks; compose's own failures (no such service) are not.
    if (r.code !== 0 && /no such service|not found|error/i.test(r.stderr) && !(await stat(join(home, logs, 'test-stdout.txt')).catch(() => undefined))) {
      outcome.error = { type: 'RuntimeError', message: `docker compose run ${check.service} failed (exit ${r.code}): ${r.stderr.trim().split('\n').pop()}` };
      return outcome;
    }
  } catch (err) {
    if ((err as Error).name !== 'AbortError') throw err;
    await deps.run(['docker', 'rm', '-f', container], { stdio: 'capture' });
    outcome.error = { type: 'VerifierTimeoutError', message: `Verifier execution timed out after ${input.timeoutSec} seconds` };
    return outcome;
  }
  const parsed = parseReward({
    json: await readFile(join(home, logs, 'reward.json'), 'utf8').catch(() => undefined),
    txt: await readFile(join(home, logs, 'reward.txt'), 'utf8').catch(() => undefined),
    dir: logs,
  });
  if ('error' in parsed) outcome.error = parsed.error;
  else outcome.rewards = parsed.rewards;
  return outcome;
}
