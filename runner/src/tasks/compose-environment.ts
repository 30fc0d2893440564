// One trial environment as a compose project: start, exec, copy in and out, tear down (through the process runner seam).
import type { RunProcess, RunResult } from '../shared/process-runner';

export interface ExecOptions {
  user?: string | number;
  workdir?: string;
  /** Values travel in the process environment; argv carries only the names. */
  env?: Readonly<Record<string, string>>;
  timeoutMs?: number;
  /** Default main. */
  service?: string;
}

export interface ExecResult extends RunResult {
  timedOut: boolean;
}

export interface ComposeEnvironment {
  project: string;
  up(timeoutMs: number): Promise<ExecResult>;
  exec(command: string, options?: ExecOptions): Promise<ExecResult>;
  copyIn(hostDir: string, containerDir: string): Promise<RunResult>;
  copyOut(containerPath: string, hostPath: string, service?: string): Promise<RunResult>;
  down(): Promise<RunResult>;
}

export interface ComposeEnvironmentInput {
  project: string;
  files: readonly string[];
  /** Variables compose interpolates (the task's docker-compose.yaml) and [environment].env values. */
  variables: Readonly<Record<string, string>>;
  /** Working directory for compose (relative paths in the task's compose file are relative to it). */
  cwd: string;
  run: RunProcess;
}

export function createComposeEnvironment(input: ComposeEnvironmentInput): ComposeEnvironment {
  const base = ['docker', 'compose', '-p', input.project, ...input.files.flatMap((f) => ['-f', f])];
  const run = async (argv: string[], env: Readonly<Record<string, string>> = {}, timeoutMs?: number): Promise<ExecResult> => {
    const signal = timeoutMs === undefined ? undefined : AbortSignal.timeout(Math.max(1, Math.round(timeoutMs)));
    try {
      const r = await input.run(argv, { cwd: input.cwd, env: { ...input.variables, ...env }, stdio: 'capture', signal });
      return { ...r, timedOut: false };
    } catch (err) {
      if ((err as Error).name === 'AbortError') return { code: 124, stdout: '', stderr: '', timedOut: true };
      throw err;
    }
  };
  return {
    project: input.project,
    up: (timeoutMs) => run([...base, 'up', '-d', '--quiet-pull'], {}, timeoutMs),
    exec(command, options = {}) {
      const argv = [...base, 'exec', '-T'];
      if (options.user !== undefined) argv.push('-u', String(options.user));
      if (options.workdir !== undefined) argv.push('-w', options.workdir);
      for (const name of Object.keys(options.env ?? {})) argv.push('-e', name);
      argv.push(options.service ?? 'main', 'bash', '-c', command);
      return run(argv, options.env, options.timeoutMs);
    },
    copyIn: (hostDir, containerDir) => run([...base, 'cp', `${hostDir}/.`, `main:${containerDir}`]),
    copyOut: (containerPath, hostPath, service = 'main') => run([...base, 'cp', `${service}:${containerPath}`, hostPath]),
    // sleep as PID 1 would wait out the stop timeout; main runs under init, and nothing of a trial is kept.
    down: () => run([...base, 'down', '--volumes', '--remove-orphans', '--timeout', '1']),
  };
}
