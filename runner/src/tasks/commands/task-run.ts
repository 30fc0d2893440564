// `harbor task run DIR...`: runs oracle (or nop) trials of task directories on local Docker and writes jobs/<job>/ as the framework does.
import { randomBytes, randomUUID } from 'node:crypto';
import { isAbsolute, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { UsageError } from '../../shared/core/errors';
import { resolveHostPath } from '../../shared/host-path';
import { DEFAULT_RETRY } from '../core/retry-policy';
import { matchGlob } from '../core/match-glob';
import { formatPyFloat } from '../core/trial-result';
import { findTaskDirs } from '../find-task-dirs';
import { checkTaskDir, type LoadedTask } from '../load-task';
import { runJob } from '../run-job';
import { TaskError } from '../task-error';

const count = (flag: string) => v.pipe(v.string(), v.regex(/^[1-9]\d*$/, `${flag} takes a whole number of 1 or more`), v.transform(Number));

export const taskRunCommand = defineCommand({
  usage: 'task run <...dirs>',
  group: 'Tasks',
  summary: 'Run oracle trials of Harbor-format tasks on local Docker; results in jobs/<job>/ as the framework writes them',
  options: [
    { flags: '-a, --agent <name>', description: 'oracle (runs solution/solve.sh; default) or nop (does nothing: checks that the tests fail)' },
    { flags: '-n, --n-concurrent <n>', description: 'Trials run at once (default 4)' },
    { flags: '-k, --n-attempts <n>', description: 'Attempts per task (default 1)' },
    { flags: '--timeout-multiplier <x>', description: 'Multiplies every timeout: build, agent, verifier (default 1)' },
    { flags: '-r, --max-retries <n>', description: 'Run an errored trial again, up to n times (default 0)' },
    { flags: '--retry-include <types>', description: 'Retry only these exception types (comma-separated, e.g. HealthcheckError,RuntimeError)' },
    { flags: '--retry-exclude <types>', description: `Never retry these exception types (default ${DEFAULT_RETRY.excludeExceptions.join(',')})` },
    { flags: '-i, --include <globs>', description: 'Only tasks whose name matches (fnmatch: *, ?, [..]; several separated by commas)' },
    { flags: '-x, --exclude <globs>', description: 'Skip tasks whose name matches (same syntax)' },
    { flags: '-o, --jobs-dir <dir>', description: 'Where jobs go (default jobs, under the working directory; the host must see it: the home or the current directory)' },
    { flags: '--job-name <name>', description: 'The job folder (default the start time, YYYY-MM-DD__HH-MM-SS)' },
    { flags: '--disable-verification', description: 'Do not run tests/test.sh' },
    { flags: '--json', description: 'Print the job result.json on stdout at the end' },
  ],
  examples: [
    './harbor.sh task run tasks/hello-world',
    './harbor.sh task run tasks/ -n 8 -k 3 --include "web-*" --exclude "*-slow"',
    './harbor.sh task run tasks/ -r 2 --retry-include HealthcheckError,EnvironmentStartTimeoutError',
    'results: jobs/<job>/result.json (stats, mean reward) and jobs/<job>/<task>__<id>/{config.json,result.json,agent/,verifier/,artifacts/}',
  ],
  schema: v.object({
    agent: v.optional(v.picklist(['oracle', 'nop'], 'must be oracle or nop (Harbor runs no model agents)'), 'oracle'),
    nConcurrent: v.optional(count('--n-concurrent'), '4'),
    nAttempts: v.optional(count('--n-attempts'), '1'),
    timeoutMultiplier: v.optional(v.pipe(v.string(), v.regex(/^\d+(\.\d+)?$/, 'takes a positive number such as 2 or 0.5'), v.transform(Number), v.minValue(Number.MIN_VALUE, 'must be more than 0')), '1'),
    maxRetries: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, '--max-retries takes a whole number of 0 or more'), v.transform(Number)), '0'),
    retryInclude: v.optional(exceptionTypes('--retry-include')),
    retryExclude: v.optional(exceptionTypes('--retry-exclude')),
    include: v.optional(v.string()),
    exclude: v.optional(v.string()),
    jobsDir: v.optional(v.pipe(v.string(), v.minLength(1)), 'jobs'),
    jobName: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, ".", "_" and "-"'))),
    disableVerification: v.optional(v.boolean(), false),
    json: v.optional(v.boolean(), false),
  }),
  async run({ args, options, deps }) {
    const inRunner = deps.env.HARBOR_IN_RUNNER === '1';
    // The engine builds from task folders and bind-mounts trial folders by their host path: every path must be one the host sees.
    const jobsDir = await resolveHostPath(deps, options.jobsDir, 'write');
    for (const dir of args) await resolveHostPath(deps, dir, 'read');
    const tasks: LoadedTask[] = [];
    const problems: string[] = [];
    for (const dir of await findTaskDirs(args, deps.cwd)) {
      const check = await checkTaskDir(dir, { cwd: deps.cwd, home: deps.home, inRunner, disableVerification: options.disableVerification });
      problems.push(...check.errors, ...check.unsupported);
      if (check.task && check.unsupported.length === 0) tasks.push(check.task);
    }
    if (problems.length) {
      throw new TaskError(`task run: nothing was started:\n${problems.map((p) => `  ${p}`).join('\n')}`, { hint: 'fix these (see `harbor task check`), or leave those tasks out with --exclude' });
    }
    const selected = selectTasks(tasks, options.include, options.exclude);
    if (selected.length === 0) {
      throw new UsageError(`task run: no task matches${options.include ? ` --include ${options.include}` : ''}${options.exclude ? ` --exclude ${options.exclude}` : ''} (tasks: ${tasks.map((t) => t.name).join(', ')})`);
    }
    const tty = process.stderr.isTTY === true;
    const { dir, result } = await runJob(
      selected,
      {
        jobName: options.jobName ?? defaultJobName(new Date()),
        jobsDir,
        nAttempts: options.nAttempts,
        nConcurrent: options.nConcurrent,
        timeoutMultiplier: options.timeoutMultiplier,
        agent: options.agent,
        disableVerification: options.disableVerification,
        include: options.include?.split(',') ?? [],
        exclude: options.exclude?.split(',') ?? [],
        taskDirs: selected.map((t) => t.dir),
        retry: {
          ...DEFAULT_RETRY,
          maxRetries: options.maxRetries,
          includeExceptions: options.retryInclude ?? DEFAULT_RETRY.includeExceptions,
          excludeExceptions: options.retryExclude ?? DEFAULT_RETRY.excludeExceptions,
        },
      },
      {
        run: deps.run,
        log: deps.log,
        hostEnv: deps.env,
        now: () => new Date(),
        uuid: randomUUID,
        sleep: (ms) => sleep(ms),
        owner: typeof process.getuid === 'function' && process.getuid() !== 0 ? { uid: process.getuid(), gid: process.getgid!() } : undefined,
        randomBytes: (n) => randomBytes(n),
        progress: (line, final) => {
          if (tty) process.stderr.write(`\r\x1b[2K${line}${final ? '\n' : ''}`);
          else if (final) process.stderr.write(`${line}\n`);
        },
        onInterrupt: deps.onInterrupt,
      },
    );
    if (options.json) return void deps.out(`${JSON.stringify(result, null, 2)}\n`);
    const stats = Object.values(result.stats.evals)[0]!;
    for (const t of result.trial_results) {
      const reward = t.verifier_result ? Object.entries(t.verifier_result.rewards).map(([k, val]) => `${k}=${formatPyFloat(val)}`).join(' ') : 'no reward';
      deps.out(`${t.exception_info ? '✖' : '✔'} ${t.trial_name}: ${reward}${t.exception_info ? ` (${t.exception_info.exception_type}: ${t.exception_info.exception_message.split('\n')[0]})` : ''}\n`);
    }
    deps.out(`${stats.n_trials} trial${stats.n_trials === 1 ? '' : 's'}, ${stats.n_errors} error${stats.n_errors === 1 ? '' : 's'}, mean reward ${stats.metrics[0]!.mean.toFixed(3)}; results in ${shownPath(deps.cwd, dir)}\n`);
  },
});

/** A comma-separated list of exception class names (the framework's names, e.g. HealthcheckError). */
function exceptionTypes(flag: string) {
  return v.pipe(
    v.string(),
    v.transform((s) => s.split(',').map((t) => t.trim()).filter(Boolean)),
    v.check((list) => list.length > 0 && list.every((t) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(t)), `${flag} takes exception class names separated by commas, e.g. HealthcheckError,RuntimeError`),
  );
}

function selectTasks(tasks: readonly LoadedTask[], include: string | undefined, exclude: string | undefined): LoadedTask[] {
  const names = (t: LoadedTask) => [t.name, t.dir.split('/').pop()!];
  const inc = include?.split(',').filter(Boolean) ?? [];
  const exc = exclude?.split(',').filter(Boolean) ?? [];
  return tasks.filter((t) => (inc.length === 0 || inc.some((g) => names(t).some((n) => matchGlob(n, g)))) && !exc.some((g) => names(t).some((n) => matchGlob(n, g))));
}

/** The framework's default job name: the local start time as %Y-%m-%d__%H-%M-%S. */
function defaultJobName(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}__${p(d.getHours())}-${p(d.getMinutes())}-${p(d.getSeconds())}`;
}

function shownPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
