// Runs the hooks of one command (deploy, destroy, run): checks everything first, then runs each point's hooks in order.
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { renderShellCommand } from '../shared/core/shell-quote';
import type { Deps } from '../shared/deps';
import { HookError, HarborError } from '../shared/core/errors';
import { HARBOR_VERSION } from '../shared/version';
import { buildHookContainerArgv } from './core/build-hook-argv';
import { buildHookEnv } from './core/build-hook-env';
import { parseHookPoint } from '../descriptor/core/hook-points';
import type { HooksConfig } from '../descriptor/core/hooks-schema';
import { describeHook, planPointHooks, type DiscoveredHook, type PlannedHook } from './core/plan-hooks';
import { runHostHook } from './run-host-hook';
import { runHookProcess } from './run-hook-process';
import { checkHookFiles, readDiscoveredHooks } from './read-hook-files';
import { createSpawnLines, type SpawnLines } from './spawn-lines';

/** What hooks see of the stack at a point; it grows as the command goes (empty before source, no env before prepare). */
export interface HookState {
  services: readonly string[];
  options: readonly string[];
  files: readonly string[];
  composeEnv: Readonly<Record<string, string>>;
  secretValues: readonly string[];
}

export const EMPTY_HOOK_STATE: HookState = { services: [], options: [], files: [], composeEnv: {}, secretValues: [] };

export interface HookReport {
  label: string;
  point: string;
  service?: string | undefined;
  type: string;
  status: 'ok' | 'failed' | 'skipped';
  durationMs: number;
  error?: { message: string; code: string } | undefined;
}

export interface HookSessionOptions {
  config: HooksConfig;
  customStages: readonly string[];
  project: string;
  /** `--allow-host-hooks` was given. */
  allowHost: boolean;
  spawnLines?: SpawnLines;
}

export interface HookSession {
  /** Plans a point's hooks (for --dry-run and `harbor plan`): nothing runs. */
  plan(point: string, state: HookState, forServices?: readonly string[]): PlannedHook[];
  /** Runs a point's hooks in order; throws the first failure (continueOnError: a warning). Per-service points: for `forServices` (default: the selection). */
  run(point: string, state: HookState, forServices?: readonly string[]): Promise<void>;
  /** The runner image (default image of shell hooks, the Node of ts_routines). */
  runnerImage: string;
  reports: HookReport[];
}

/**
 * Before the first hook runs: every hook file exists (scripts executable), and every `host: true` hook is allowed by
 * `--allow-host-hooks` — so a bad hook stops the command before anything was done.
 */
export async function openHookSession(deps: Deps, options: HookSessionOptions): Promise<HookSession> {
  const { config } = options;
  const log = deps.log.withTag('hooks');
  const discovered: DiscoveredHook[] = config.autodiscover ? await readDiscoveredHooks(deps.home, options.customStages, (m) => log.warn(m)) : [];
  await checkHookFiles(deps.home, config, discovered);
  const hostHooks = Object.entries(config).flatMap(([point, hooks]) =>
    Array.isArray(hooks) ? hooks.flatMap((hook, i) => (hook.host ? [`hooks.${point}[${i}]${hook.name ? ` (${hook.name})` : ''}`] : [])) : [],
  );
  if (hostHooks.length && !options.allowHost) {
    throw new HookError(`${hostHooks.join(', ')} ${hostHooks.length === 1 ? 'runs' : 'run'} on the host (host: true), and this run does not allow host hooks`, {
      code: 'HOOK_HOST_NOT_ALLOWED',
      hint: 'add --allow-host-hooks to this command to let them run on this machine (docs/Harbor-Hooks.md, "Host hooks"), or remove host: true',
    });
  }
  const runnerImage = deps.env.HARBOR_RUNNER_IMAGE || `harbor-runner:${HARBOR_VERSION}`;
  const spawnLines = options.spawnLines ?? createSpawnLines(deps.env);
  const reports: HookReport[] = [];
  const whenEnv = (state: HookState) => ({ ...deps.env, ...state.composeEnv });

  const plan = (name: string, state: HookState, forServices?: readonly string[]): PlannedHook[] => {
    const parsed = parseHookPoint(name, options.customStages);
    if (!parsed.ok) throw new Error(`hook session: ${parsed.message}`);
    return planPointHooks({ point: parsed.point, config, services: forServices ?? state.services, discovered, env: whenEnv(state) });
  };

  const runOne = async (planned: PlannedHook, state: HookState): Promise<void> => {
    const base = { label: planned.label, point: planned.point, service: planned.service, type: planned.type };
    if (planned.skip) {
      log.log(`↷ hook ${planned.label} skipped (when: ${planned.skip.expression} is "${planned.skip.value}")`);
      reports.push({ ...base, status: 'skipped', durationMs: 0 });
      return;
    }
    const env = buildHookEnv({ planned, project: options.project, home: deps.home, services: state.services, options: state.options, files: state.files, composeEnv: state.composeEnv, secretValues: state.secretValues });
    log.start(`hook ${planned.label}: ${describeHook(planned, runnerImage)}${planned.hook.secrets ? ' (with secrets)' : ''} …`);
    const start = performance.now();
    try {
      if (planned.hook.host) await runHostHook(deps, { planned, env, secretValues: state.secretValues });
      else await runInContainer(deps, { planned, env, state, project: options.project, runnerImage, spawnLines });
      reports.push({ ...base, status: 'ok', durationMs: performance.now() - start });
      log.success(`hook ${planned.label} (${Math.round(performance.now() - start)}ms)`);
    } catch (err) {
      const error = err instanceof HarborError ? { message: err.message, code: err.code } : { message: String(err), code: 'INTERNAL' };
      reports.push({ ...base, status: 'failed', durationMs: performance.now() - start, error });
      if (!(err instanceof HookError) || !planned.hook.continueOnError) throw err;
      log.warn(`${err.message} (continueOnError: going on)`);
    }
  };

  return {
    runnerImage,
    reports,
    plan,
    async run(point, state, forServices) {
      for (const planned of plan(point, state, forServices)) await runOne(planned, state);
    },
  };
}

interface ContainerRun {
  planned: PlannedHook;
  env: Record<string, string>;
  state: HookState;
  project: string;
  runnerImage: string;
  spawnLines: SpawnLines;
}

async function runInContainer(deps: Deps, r: ContainerRun): Promise<void> {
  // var/run/ must exist before it is mounted, or Docker would create it owned by root.
  await mkdir(join(deps.home, 'var/run'), { recursive: true });
  const containerName = `harbor-hook-${r.project}-${randomBytes(4).toString('hex')}`;
  const user = typeof process.getuid === 'function' ? `${process.getuid()}:${process.getgid!()}` : undefined;
  const argv = buildHookContainerArgv({
    planned: r.planned,
    containerName,
    project: r.project,
    home: deps.home,
    runnerImage: r.runnerImage,
    network: await readStackNetwork(deps, r.project),
    user,
    envNames: Object.keys(r.env),
  });
  // Names only on argv (-e NAME): printing it is safe.
  deps.log.debug(`$ ${renderShellCommand(argv)}`);
  await runHookProcess(
    { run: deps.run, spawnLines: r.spawnLines, writeErr: (text) => process.stderr.write(text), log: deps.log.withTag('hooks'), home: deps.home, env: deps.env },
    {
      planned: r.planned,
      argv,
      env: r.env,
      secretValues: r.state.secretValues,
      stop: async () => {
        await deps.run(['docker', 'rm', '-f', containerName], { stdio: 'capture' });
      },
      compose: { project: r.project, files: r.state.files, env: r.state.composeEnv },
    },
  );
}

/** The stack's network (compose's `<project>_harbor-network`, else the project's first), or none before the first up. */
async function readStackNetwork(deps: Deps, project: string): Promise<string | undefined> {
  const result = await deps.run(['docker', 'network', 'ls', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Name}}'], { stdio: 'capture' });
  const names = result.stdout.split('\n').filter(Boolean).sort();
  return names.find((n) => n.endsWith('_harbor-network')) ?? names[0];
}
