// One trial of one task, as the framework's oracle trial runs on local Docker; every failure is recorded in result.json, never thrown.
import { appendFile, chmod, mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConsolaInstance } from 'consola';
import type { RunProcess } from '../shared/process-runner';
import type { ComposeEnvironment } from './compose-environment';
import { formatLogLine } from './core/job-lock';
import type { Rewards } from './core/parse-reward';
import { mergeStepRewards, meetsMinReward } from './core/step-rewards';
import { buildProjectName } from './core/trial-names';
import { buildAgentInfo, EMPTY_AGENT_RESULT, formatTimestamp, renderExceptionText, type ExceptionInfo, type StepResult, type Timing, type TrialResultJson } from './core/trial-result';
import type { LoadedTask } from './load-task';
import { collectArtifacts, runCollectHooks, runHealthcheck, runOracle, runVerifier, type AgentOutcome, type PhaseContext, type VerifierOutcome } from './run-phases';
import { startEnvironment } from './start-environment';
import { TrialError } from './trial-error';

export interface TrialDeps {
  run: RunProcess;
  log: ConsolaInstance;
  hostEnv: Readonly<Record<string, string | undefined>>;
  now(): Date;
  uuid(): string;
  sleep(ms: number): Promise<void>;
  /** The user the results belong to (files written by root in a container are given back to them). */
  owner: { uid: number; gid: number } | undefined;
}

export interface TrialOptions {
  jobDir: string;
  /** Compose files of the job's trials (kept out of the trial folders). */
  scratch: string;
  trialName: string;
  agent: 'oracle' | 'nop';
  timeoutMultiplier: number;
  disableVerification: boolean;
  /** config.json of the trial (TrialConfig). */
  trialConfig: unknown;
  /** lock.json of the trial: the task's digest and what ran it. */
  lock: unknown;
  /** Registers a live environment for Ctrl-C; returns its unregister. */
  track(env: ComposeEnvironment): () => void;
}

const LOG_DIRS = ['agent', 'verifier', 'artifacts'] as const;

export async function runTrial(task: LoadedTask, options: TrialOptions, deps: TrialDeps, taskChecksum: string): Promise<TrialResultJson> {
  const trialDir = join(options.jobDir, options.trialName);
  const host = Object.fromEntries(LOG_DIRS.map((d) => [d, join(trialDir, d)])) as Record<(typeof LOG_DIRS)[number], string>;
  for (const dir of Object.values(host)) await makeOpenDir(dir);
  await writeFile(join(trialDir, 'config.json'), `${JSON.stringify(options.trialConfig, null, 2)}\n`);
  await writeFile(join(trialDir, 'lock.json'), `${JSON.stringify(options.lock, null, 2)}\n`);
  const note: TrialLog = (message, level = 'INFO') => appendFile(join(trialDir, 'trial.log'), formatLogLine(deps.now(), level, message));
  await note(`trial ${options.trialName}: task ${task.name} (${task.dir}), agent ${options.agent}`);
  const stamp = () => formatTimestamp(deps.now());
  const config = task.config;
  const result: TrialResultJson = {
    id: deps.uuid(),
    task_name: task.name,
    trial_name: options.trialName,
    trial_uri: `file://${trialDir}`,
    task_id: { path: task.dir },
    source: config.source ?? null,
    task_checksum: taskChecksum,
    config: options.trialConfig,
    agent_info: buildAgentInfo(options.agent),
    agent_result: EMPTY_AGENT_RESULT,
    verifier_result: null,
    verifier_environment_mode: config.verifier.mode,
    exception_info: null,
    started_at: stamp(),
    finished_at: null,
    environment_setup: null,
    agent_setup: null,
    agent_execution: null,
    verifier: null,
  };
  const record = (err: unknown) => {
    result.exception_info ??= toExceptionInfo(err, stamp());
  };
  const recordAndLog = async (err: unknown, what: string) => {
    record(err);
    const info = toExceptionInfo(err, stamp());
    await note(`${what}: ${info.exception_type}: ${info.exception_message}`, 'ERROR');
  };
  const live: { env: ComposeEnvironment; untrack: () => void }[] = [];
  const start = async (role: '' | '-verifier') => {
    const separate = role === '-verifier';
    await note(`${separate ? 'verifier environment' : 'environment'}: starting compose project ${buildProjectName(options.trialName)}${role}`);
    const env = await startEnvironment({
      project: `${buildProjectName(options.trialName)}${role}`,
      scratch: options.scratch,
      taskDir: task.dir,
      environment: separate ? config.verifier.environment! : config.environment,
      kind: separate ? 'dockerfile' : task.environmentKind,
      context: join(task.dir, separate ? 'tests' : 'environment'),
      role,
      mounts: separate ? { agent: undefined, verifier: host.verifier, artifacts: host.artifacts } : host,
      multiplier: options.timeoutMultiplier,
      hostEnv: deps.hostEnv,
      run: deps.run,
      onCreated: (e) => live.push({ env: e, untrack: options.track(e) }),
    });
    await note(`${separate ? 'verifier environment' : 'environment'}: started`);
    return { env, workdir: (separate ? config.verifier.environment! : config.environment).workdir, multiplier: options.timeoutMultiplier, hostEnv: deps.hostEnv } satisfies PhaseContext;
  };
  const stop = async () => {
    for (const { env, untrack } of live.splice(0)) {
      await giveLogsBack(env, deps.owner).catch(() => undefined);
      await env.down().then(
        () => note(`${env.project}: removed (compose down)`),
        async (err) => {
          deps.log.warn(`${env.project}: compose down failed: ${(err as Error).message}`);
          await note(`${env.project}: compose down failed: ${(err as Error).message}`, 'WARNING');
        },
      );
      untrack();
    }
  };

  try {
    const began = stamp();
    let ctx: PhaseContext;
    try {
      ctx = await start('');
      if (config.environment.healthcheck) {
        await runHealthcheck(ctx, config.environment.healthcheck, deps.sleep, () => deps.now().getTime());
        await note('environment: healthcheck passed');
      }
    } finally {
      result.environment_setup = { started_at: began, finished_at: stamp() };
    }
    // Agent setup is a no-op for the built-in agents.
    result.agent_setup = { started_at: stamp(), finished_at: stamp() };
    if (config.steps) {
      await runSteps(task, ctx, options, deps, host, trialDir, result, record, note);
    } else {
      const agentStart = stamp();
      await note(`agent ${options.agent}: ${options.agent === 'oracle' ? 'running /solution/solve.sh' : 'does nothing'}`);
      const agent = options.agent === 'oracle' ? await runOracle(ctx, join(task.dir, 'solution'), config.agent, config.solutionEnv, host.agent, true) : { skipVerification: false };
      result.agent_execution = { started_at: agentStart, finished_at: stamp() };
      await noteAgent(note, agent);
      if (agent.error) record(agent.error);
      if (!agent.skipVerification && !options.disableVerification) {
        let vctx = ctx;
        if (config.verifier.mode === 'separate') {
          await collectArtifacts(ctx, config.artifacts, host.artifacts);
          await stop();
          vctx = await start('-verifier');
        }
        const verifierStart = stamp();
        await note('verifier: running /tests/test.sh');
        const outcome = await runVerifier(vctx, config.verifier.mode === 'separate' ? [] : [join(task.dir, 'tests')], config.verifier, host.verifier, true);
        result.verifier = { started_at: verifierStart, finished_at: stamp() };
        result.verifier_result = outcome.rewards ? { rewards: outcome.rewards } : null;
        await noteVerifier(note, outcome);
        if (outcome.error) record(outcome.error);
        for (const warning of await runCollectHooks(vctx, config.verifier.collect)) {
          deps.log.warn(`${options.trialName}: ${warning}`);
          await note(warning, 'WARNING');
        }
      }
      if (config.verifier.mode === 'shared') {
        await collectArtifacts(ctx, config.artifacts, host.artifacts).then(
          () => note('artifacts: collected (artifacts/manifest.json)'),
          async (err) => {
            deps.log.warn(`${options.trialName}: artifacts: ${(err as Error).message}`);
            await note(`artifacts: ${(err as Error).message}`, 'WARNING');
          },
        );
      }
    }
  } catch (err) {
    await recordAndLog(err, 'trial');
  } finally {
    await stop();
    result.finished_at = stamp();
    await note(`trial finished: ${result.verifier_result ? `rewards ${JSON.stringify(result.verifier_result.rewards)}` : 'no reward'}${result.exception_info ? `, ${result.exception_info.exception_type}` : ''}`);
    await writeFile(join(trialDir, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
    if (result.exception_info) await writeFile(join(trialDir, 'exception.txt'), renderExceptionText(result.exception_info));
  }
  return result;
}

/** Multi-step: each step's workdir/, setup.sh, solution and tests in turn; min_reward stops the rest; results under steps/<name>/. */
async function runSteps(task: LoadedTask, ctx: PhaseContext, options: TrialOptions, deps: TrialDeps, host: Record<string, string>, trialDir: string, result: TrialResultJson, record: (err: unknown) => void, note: TrialLog): Promise<void> {
  const config = task.config;
  const stamp = () => formatTimestamp(deps.now());
  const steps: StepResult[] = [];
  result.step_results = steps;
  const workdir = ctx.workdir ?? (await ctx.env.exec('pwd')).stdout.trim();
  result.agent_execution = { started_at: stamp(), finished_at: null };
  for (const step of config.steps!) {
    const stepDir = join(task.dir, 'steps', step.name);
    const entry: StepResult = { step_name: step.name, agent_execution: null, verifier: null, verifier_result: null, exception_info: null };
    steps.push(entry);
    await note(`step ${step.name}: started`);
    try {
      const files = join(stepDir, 'workdir');
      if (await isDir(files)) {
        const up = await ctx.env.copyIn(files, workdir);
        if (up.code !== 0) throw new TrialError('RuntimeError', `uploading steps/${step.name}/workdir/ failed: ${up.stderr.trim()}`, `step ${step.name}`);
        const setup = await ctx.env.exec(`if [ -f setup.sh ]; then bash ./setup.sh; fi`, { user: step.agent.user, workdir });
        if (setup.code !== 0) throw new TrialError('RuntimeError', `steps/${step.name}/workdir/setup.sh exited ${setup.code}: ${setup.stderr.trim().split('\n').pop() ?? ''}`, `step ${step.name}`);
      }
      if (step.healthcheck) await runHealthcheck(ctx, step.healthcheck, deps.sleep, () => deps.now().getTime());
      const agentStart = stamp();
      const agent = options.agent === 'oracle' ? await runOracle(ctx, join(stepDir, 'solution'), step.agent, config.solutionEnv, host.agent!, false) : { skipVerification: false };
      entry.agent_execution = { started_at: agentStart, finished_at: stamp() };
      await noteAgent(note, agent, `step ${step.name}: `);
      if (agent.error) entry.exception_info = toExceptionInfo(agent.error, stamp());
      if (!agent.skipVerification && !options.disableVerification) {
        const verifierStart = stamp();
        const testDirs = [join(task.dir, 'tests'), join(stepDir, 'tests')];
        const present = [];
        for (const d of testDirs) if (await isDir(d)) present.push(d);
        const outcome = await runVerifier(ctx, present, step.verifier, host.verifier!, false);
        entry.verifier = { started_at: verifierStart, finished_at: stamp() };
        entry.verifier_result = outcome.rewards ? { rewards: outcome.rewards } : null;
        await noteVerifier(note, outcome, `step ${step.name}: `);
        if (outcome.error) entry.exception_info ??= toExceptionInfo(outcome.error, stamp());
      }
      await collectArtifacts(ctx, step.artifacts, host.artifacts!).catch(() => undefined);
    } catch (err) {
      entry.exception_info ??= toExceptionInfo(err, stamp());
      await note(`step ${step.name}: ${entry.exception_info.exception_type}: ${entry.exception_info.exception_message}`, 'ERROR');
    }
    await moveStepLogs(ctx, deps, host, join(trialDir, 'steps', step.name));
    if (entry.exception_info) record(new TrialError(entry.exception_info.exception_type, `step ${step.name}: ${entry.exception_info.exception_message}`, `step ${step.name}`));
    if (!meetsMinReward(entry.verifier_result?.rewards ?? null, step.minReward)) break;
  }
  result.agent_execution.finished_at = stamp();
  const rewards: Rewards | null = mergeStepRewards(steps.map((s) => s.verifier_result?.rewards ?? null), config.multiStepRewardStrategy);
  result.verifier_result = rewards ? { rewards } : null;
}

type TrialLog = (message: string, level?: 'INFO' | 'WARNING' | 'ERROR') => Promise<void>;

async function noteAgent(note: TrialLog, agent: AgentOutcome, prefix = ''): Promise<void> {
  if (agent.error) await note(`${prefix}agent: ${agent.error.type}: ${agent.error.message}${agent.skipVerification ? ' (verification skipped)' : ''}`, 'ERROR');
  else await note(`${prefix}agent: finished${agent.exitCode ? `, solve.sh exited ${agent.exitCode} (agent/exit-code.txt)` : ''}`);
}

async function noteVerifier(note: TrialLog, outcome: VerifierOutcome, prefix = ''): Promise<void> {
  if (outcome.error) await note(`${prefix}verifier: ${outcome.error.type}: ${outcome.error.message}`, 'ERROR');
  else await note(`${prefix}verifier: rewards ${JSON.stringify(outcome.rewards)}`);
}

/** /logs/{agent,verifier,artifacts} are shared by every step: each step's files move to steps/<name>/ when it ends. */
async function moveStepLogs(ctx: PhaseContext, deps: TrialDeps, host: Record<string, string>, target: string): Promise<void> {
  await giveLogsBack(ctx.env, deps.owner);
  for (const name of LOG_DIRS) {
    const to = join(target, name);
    await makeOpenDir(to);
    for (const entry of await readdir(host[name]!)) await rename(join(host[name]!, entry), join(to, entry));
  }
}

/** What containers wrote as root under /logs (bind-mounted trial folders) is given to the user Harbor runs as. */
async function giveLogsBack(env: ComposeEnvironment, owner: TrialDeps['owner']): Promise<void> {
  if (owner) await env.exec(`chown -R ${owner.uid}:${owner.gid} /logs 2>/dev/null || true`, { user: 0 });
}

/** Trial folders are bind-mounted into containers whose user may not be ours: open them to all, as the framework does. */
async function makeOpenDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await chmod(dir, 0o777);
}

async function isDir(path: string): Promise<boolean> {
  return readdir(path).then(() => true, () => false);
}

function toExceptionInfo(err: unknown, at: string): ExceptionInfo {
  if (err instanceof TrialError) return { exception_type: err.type, exception_message: err.message, exception_traceback: `Harbor trial, phase: ${err.phase}\n`, occurred_at: at };
  const e = err instanceof Error ? err : new Error(String(err));
  return { exception_type: e.name === 'Error' ? 'RuntimeError' : e.name, exception_message: e.message, exception_traceback: `${e.stack ?? ''}\n`, occurred_at: at };
}
