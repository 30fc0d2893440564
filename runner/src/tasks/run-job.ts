// Runs a job: every task × attempt as a trial, n at a time, with a live progress line; Ctrl-C removes every trial's containers.
import { appendFile, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ComposeEnvironment } from './compose-environment';
import { buildJobConfig, buildTrialConfig, type JobSettings } from './core/job-config';
import { buildLock, formatLogLine, type LockedTask } from './core/job-lock';
import { buildJobStats, type JobResultJson } from './core/job-result';
import { renderProgress, type ProgressState } from './core/render-progress';
import { retryDelayMs, shouldRetry } from './core/retry-policy';
import { buildShortId, buildTrialName } from './core/trial-names';
import { formatTimestamp, type TrialResultJson } from './core/trial-result';
import type { LoadedTask } from './load-task';
import { runTrial, type TrialDeps } from './run-trial';
import { hashTree } from './task-files';
import { TaskError } from './task-error';
import { EXIT } from '../shared/core/errors';
import { HARBOR_VERSION } from '../shared/version';

export interface JobDeps extends TrialDeps {
  randomBytes(n: number): Uint8Array;
  /** Shows the progress line (`final` once at the end). */
  progress(line: string, final: boolean): void;
  /** Registers cleanup for Ctrl-C (run-main calls it after stopping child processes); returns its unregister. */
  onInterrupt?(cleanup: () => Promise<void>): () => void;
}

export interface JobOutcome {
  dir: string;
  result: JobResultJson;
}

export async function runJob(tasks: readonly LoadedTask[], settings: JobSettings, deps: JobDeps): Promise<JobOutcome> {
  const dir = join(settings.jobsDir, settings.jobName);
  if (await stat(dir).catch(() => undefined)) {
    throw new TaskError(`task run: ${dir} already exists`, { hint: 'choose another --job-name, or remove that folder' });
  }
  await mkdir(dir, { recursive: true });
  const jobId = deps.uuid();
  const note = (message: string, level: 'INFO' | 'WARNING' | 'ERROR' = 'INFO') => appendFile(join(dir, 'job.log'), formatLogLine(deps.now(), level, message));
  await writeJson(join(dir, 'config.json'), buildJobConfig(settings));
  const scratch = await mkdtemp(join(tmpdir(), 'harbor-tasks-'));
  const checksums = new Map<string, string>();
  for (const t of tasks) checksums.set(t.dir, await hashTree(t.dir));
  const locked = (list: readonly LoadedTask[]): LockedTask[] => list.map((t) => ({ name: t.name, path: t.dir, checksum: checksums.get(t.dir)! }));
  const lockOf = (list: readonly LoadedTask[]) => buildLock({ harborVersion: HARBOR_VERSION, agent: settings.agent, timeoutMultiplier: settings.timeoutMultiplier, tasks: locked(list) });
  await writeJson(join(dir, 'lock.json'), lockOf(tasks));

  const queue: LoadedTask[] = [];
  for (let attempt = 0; attempt < settings.nAttempts; attempt++) queue.push(...tasks);
  const total = queue.length;
  const results: TrialResultJson[] = [];
  const state: ProgressState = { total, done: 0, running: 0, errors: 0, rewardSum: 0 };
  let nRetries = 0;
  await note(`job ${settings.jobName} (${jobId}): ${tasks.length} task${tasks.length === 1 ? '' : 's'} × ${settings.nAttempts} attempt${settings.nAttempts === 1 ? '' : 's'} = ${total} trials, ${settings.nConcurrent} at once, agent ${settings.agent}, up to ${settings.retry.maxRetries} retr${settings.retry.maxRetries === 1 ? 'y' : 'ies'} per trial`);
  const live = new Set<ComposeEnvironment>();
  let cancelled = false;
  let cleaning: Promise<void> | undefined;
  const startedAt = formatTimestamp(deps.now());
  const jobResult = (finished: boolean): JobResultJson => ({
    id: jobId,
    started_at: startedAt,
    updated_at: formatTimestamp(deps.now()),
    finished_at: finished ? formatTimestamp(deps.now()) : null,
    n_total_trials: total,
    stats: buildJobStats(results, settings.agent, { total, running: state.running, cancelled: cancelled ? total - results.length - state.running : 0, retries: nRetries }),
    trial_results: results,
  });
  const stopInterrupt = deps.onInterrupt?.(() => {
    cancelled = true;
    deps.progress(`interrupted: removing ${live.size} trial environment${live.size === 1 ? '' : 's'}…`, true);
    cleaning = (async () => {
      await note(`interrupted: removing ${live.size} trial environment${live.size === 1 ? '' : 's'}`, 'WARNING').catch(() => undefined);
      await Promise.all([...live].map((env) => env.down().catch(() => undefined)));
      await writeJson(join(dir, 'result.json'), jobResult(true)).catch(() => undefined);
      await rm(scratch, { recursive: true, force: true });
    })();
    return cleaning;
  });

  const worker = async () => {
    for (let task = queue.shift(); task && !cancelled; task = queue.shift()) {
      state.running++;
      if (!cancelled) deps.progress(renderProgress(state), false);
      const trialName = buildTrialName(basename(task.dir), buildShortId(deps.randomBytes(7)));
      const options = {
        jobDir: dir,
        scratch,
        trialName,
        agent: settings.agent,
        timeoutMultiplier: settings.timeoutMultiplier,
        disableVerification: settings.disableVerification,
        trialConfig: buildTrialConfig(settings, task.dir, trialName, jobId),
        lock: lockOf([task]),
        track: (env: ComposeEnvironment) => {
          live.add(env);
          return () => live.delete(env);
        },
      };
      await note(`${trialName}: started (task ${task.name})`);
      let result = await runTrial(task, options, deps, checksums.get(task.dir)!);
      // As the framework: an errored trial is run again (same name, the failed attempt's folder removed) while the retry policy allows.
      for (let retries = 0; !cancelled && shouldRetry(result.exception_info?.exception_type ?? null, retries, settings.retry); retries++) {
        const waitMs = retryDelayMs(retries, settings.retry);
        await note(`${trialName}: ${result.exception_info!.exception_type}: ${result.exception_info!.exception_message.split('\n')[0]}; retry ${retries + 1} of ${settings.retry.maxRetries} in ${waitMs / 1000}s`, 'WARNING');
        nRetries++;
        await deps.sleep(waitMs);
        if (cancelled) break;
        await rm(join(dir, trialName), { recursive: true, force: true }).catch((err) => note(`${trialName}: the failed attempt's folder could not be removed (${(err as Error).message}); the retry writes over it`, 'WARNING'));
        result = await runTrial(task, options, deps, checksums.get(task.dir)!);
      }
      if (cancelled) break;
      await note(`${trialName}: finished: ${result.verifier_result ? `rewards ${JSON.stringify(result.verifier_result.rewards)}` : 'no reward'}${result.exception_info ? `, ${result.exception_info.exception_type}: ${result.exception_info.exception_message.split('\n')[0]}` : ''}`, result.exception_info ? 'ERROR' : 'INFO');
      state.running--;
      state.done++;
      state.errors += result.exception_info ? 1 : 0;
      state.rewardSum += result.verifier_result?.rewards.reward ?? 0;
      results.push(result);
      deps.progress(renderProgress(state), false);
      await writeJson(join(dir, 'result.json'), jobResult(false));
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(settings.nConcurrent, total) }, worker));
  } finally {
    stopInterrupt?.();
  }
  if (cancelled) {
    await cleaning;
    throw new TaskError(`task run: interrupted; every trial environment was removed (results so far in ${dir})`, { exitCode: EXIT.interrupted });
  }
  const result = jobResult(true);
  await writeJson(join(dir, 'result.json'), result);
  const evals = Object.values(result.stats.evals)[0]!;
  await note(`job finished: ${evals.n_trials} trials, errors ${evals.n_errors}, retries ${nRetries}, mean reward ${evals.metrics[0]!.mean}`);
  await rm(scratch, { recursive: true, force: true });
  deps.progress(renderProgress(state), true);
  return { dir, result };
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}
