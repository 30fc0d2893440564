// Runs one hook's process to its end: output line by line with the hook's label and secrets masked, the timeout, the exit code.
import type { ConsolaInstance } from 'consola';
import { buildComposeArgv } from '../compose/core/compose-argv';
import { buildComposeCallArgv } from '../compose/model/compose-call-argv';
import type { Deps } from '../shared/deps';
import { redactSecrets } from '../shared/core/redact-secrets';
import type { RunProcess } from '../shared/process-runner';
import { HookError } from '../shared/core/errors';
import type { PlannedHook } from './core/plan-hooks';
import { parseRoutineMessage, type ComposeAnswer, type RoutineMessage } from './core/routine-protocol';
import type { SpawnLines } from './spawn-lines';

export interface HookProcessDeps {
  run: RunProcess;
  spawnLines: SpawnLines;
  /** Where hook output goes (Harbor's stderr: it is log, not data). */
  writeErr: (text: string) => void;
  log: ConsolaInstance;
  home: string;
  /** The runner's environment: with it `ctx.compose` hands compose Harbor's single file (docs/compose-model.md), else the N files. */
  env?: Deps['env'];
}

export interface HookProcess {
  planned: PlannedHook;
  argv: readonly string[];
  /** The process environment of argv[0]: the hook's variables, whose names argv passes with -e. */
  env: Readonly<Record<string, string>>;
  /** Masked in everything the hook prints, whatever `secrets:` says. */
  secretValues: readonly string[];
  /** Stops what the hook started (docker rm -f its container) when it times out. */
  stop(): Promise<void>;
  /** A ts_routine's compose helper runs on this stack. */
  compose?: { project: string; files: readonly string[]; env: Readonly<Record<string, string>> } | undefined;
}

/** Output that means the hook tried to write where only var/run/ is writable. */
const READ_ONLY = /Read-only file system|EROFS/;

/**
 * Throws a HookError when the hook exits non-zero, throws (ts_routine: its message and file:line) or times out;
 * the caller decides what continueOnError makes of it.
 */
export async function runHookProcess(deps: HookProcessDeps, p: HookProcess): Promise<void> {
  const { planned } = p;
  const prefix = `[${planned.label}] `;
  let readOnly = false;
  let routineError: Extract<RoutineMessage, { type: 'error' }> | undefined;
  const print = (line: string) => {
    const masked = redactSecrets(line, p.secretValues);
    if (READ_ONLY.test(masked)) readOnly = true;
    deps.writeErr(`${prefix}${masked}\n`);
  };
  const child = deps.spawnLines(p.argv, {
    env: p.env,
    stdin: planned.type === 'ts_routine',
    onLine: (stream, line) => {
      const message = stream === 'stdout' && planned.type === 'ts_routine' ? parseRoutineMessage(line) : undefined;
      if (message === undefined) return print(line);
      if (message.type === 'error') routineError = message;
      else void answerCompose(deps, p, message.id, message.args).then((answer) => child.write(`${JSON.stringify(answer)}\n`));
    },
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    deps.log.warn(`${planned.label}: timed out after ${planned.hook.timeout}s: stopping and removing it`);
    void p.stop();
  }, planned.hook.timeout * 1000);
  let code: number;
  try {
    code = await child.exited;
  } catch (err) {
    throw new HookError(`${planned.label} (${planned.origin}): cannot start ${p.argv[0]}: ${(err as Error).message}`, { cause: err, hint: 'Harbor runs hooks with the docker CLI (the runner image has it)' });
  } finally {
    clearTimeout(timer);
  }
  if (timedOut) {
    throw new HookError(`${planned.label} (${planned.origin}) timed out after ${planned.hook.timeout}s: it was stopped and removed`, {
      code: 'HOOK_TIMEOUT',
      hint: `raise its timeout: (seconds) in the descriptor, or hooks.timeout for every hook`,
    });
  }
  if (routineError !== undefined) {
    const at = routineError.location ? ` (at ${routineError.location})` : '';
    throw new HookError(`${planned.label} (${planned.origin}) threw: ${redactSecrets(routineError.message, p.secretValues)}${at}`, {
      code: 'HOOK_THREW',
      hint: 'fix the routine, or set continueOnError: true on the hook to go on when it fails',
    });
  }
  if (code === 0) return;
  throw new HookError(`${planned.label} (${planned.origin}) failed with exit code ${code}`, {
    code: 'HOOK_FAILED',
    hint: readOnly
      ? 'the Harbor home is read-only to hooks: write under var/run/ (mounted read-write), or in /tmp inside the hook'
      : 'its output is above, prefixed with its name; set continueOnError: true on the hook to go on when it fails',
  });
}

/** `ctx.compose(args)`: the runner runs compose on the stack with its env; what comes back is masked unless `secrets: true`. */
async function answerCompose(deps: HookProcessDeps, p: HookProcess, id: number, args: string[]): Promise<ComposeAnswer> {
  if (!p.compose || args.length === 0) return { id, code: 2, stdout: '', stderr: 'ctx.compose needs a subcommand, e.g. ctx.compose(["ps"])' };
  const [subcommand, ...rest] = args;
  const project = { name: p.compose.project, directory: deps.home };
  const planned = buildComposeArgv(project, p.compose.files, subcommand!, rest);
  const single = deps.env && { env: deps.env, log: deps.log };
  const argv = single ? await buildComposeCallArgv(single, project, p.compose.files, { composeEnv: p.compose.env, secretValues: p.secretValues }, planned) : planned;
  const mask = (text: string) => (p.planned.hook.secrets ? text : redactSecrets(text, p.secretValues));
  try {
    const result = await deps.run(argv, { cwd: deps.home, env: p.compose.env, stdio: 'capture' });
    return { id, code: result.code, stdout: mask(result.stdout), stderr: mask(result.stderr) };
  } catch (err) {
    return { id, code: 127, stdout: '', stderr: `cannot run docker compose: ${(err as Error).message}` };
  }
}
