// Spawns external commands (docker, compose) as argv arrays, never through a shell, and stops them on Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process';
import type { ConsolaInstance } from 'consola';
import { redactSecrets } from './core/redact-secrets';

export interface RunOptions {
  cwd?: string;
  /** Added to the runner's own environment. Secret values travel only here, never on argv. */
  env?: Readonly<Record<string, string>>;
  /**
   * `inherit` streams to the user's terminal; `capture` collects stdout and stderr; `stderr` streams both
   * to Harbor's stderr, live, for output that is progress rather than data (stdout stays clean for pipes).
   */
  stdio?: 'inherit' | 'capture' | 'stderr';
  input?: string;
  /**
   * Secret values to mask in what the child prints (with `inherit` or `stderr`): its output then goes
   * through a pipe, line by line, so a secret never reaches the user's terminal or a log file.
   */
  redact?: readonly string[];
  /** Aborting kills the child (SIGTERM); the promise then rejects with an AbortError. */
  signal?: AbortSignal;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type RunProcess = (argv: readonly string[], options?: RunOptions) => Promise<RunResult>;

export interface ProcessRunner {
  run: RunProcess;
  /** Forwards a signal to every running child; resolves when they have all exited. */
  stopAll(signal: NodeJS.Signals): Promise<void>;
}

export function createProcessRunner(log: ConsolaInstance, baseEnv: NodeJS.ProcessEnv): ProcessRunner {
  const children = new Set<ChildProcess>();

  const run: RunProcess = (argv, options = {}) =>
    new Promise((resolve, reject) => {
      const [file, ...args] = argv;
      if (!file) throw new Error('runProcess: empty argv');
      // Only argv is logged: env may hold secrets and is never printed.
      log.debug(`$ ${argv.join(' ')}`);
      const capture = options.stdio === 'capture';
      const redact = !capture && options.redact?.some((v) => v !== '') ? options.redact : undefined;
      const stdin = options.input === undefined ? (capture ? 'ignore' : 'inherit') : 'pipe';
      const stdout = capture || redact ? 'pipe' : options.stdio === 'stderr' ? process.stderr : 'inherit';
      const child = spawn(file, args, {
        cwd: options.cwd,
        env: { ...baseEnv, ...options.env },
        shell: false,
        signal: options.signal,
        stdio: [stdin, stdout, capture || redact ? 'pipe' : 'inherit'],
      });
      if (redact) {
        forwardRedacted(child.stdout!, options.stdio === 'stderr' ? process.stderr : process.stdout, redact);
        forwardRedacted(child.stderr!, process.stderr, redact);
      }
      children.add(child);
      let out = '';
      let err = '';
      child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.stderr?.setEncoding('utf8').on('data', (d: string) => (err += d));
      if (options.input !== undefined) child.stdin?.end(options.input);
      child.on('error', (err) => {
        children.delete(child);
        reject(err);
      });
      child.on('close', (code, signal) => {
        children.delete(child);
        resolve({ code: code ?? (signal ? 128 + signalNumber(signal) : 1), stdout: out, stderr: err });
      });
    });

  async function stopAll(signal: NodeJS.Signals): Promise<void> {
    const waiting = [...children].map(
      (child) => new Promise<void>((done) => {
        child.once('close', () => done());
        child.kill(signal);
      }),
    );
    await Promise.all(waiting);
  }

  return { run, stopAll };
}

/**
 * Copies a child's stream to ours with secrets masked. Whole lines are masked at once so a secret split
 * across two chunks is still caught; a secret that itself spans lines makes the stream wait for its end.
 */
function forwardRedacted(from: NodeJS.ReadableStream, to: NodeJS.WritableStream, secrets: readonly string[]): void {
  const multiline = secrets.some((s) => s.includes('\n'));
  let pending = '';
  from.setEncoding('utf8');
  from.on('data', (chunk: string) => {
    pending += chunk;
    const cut = multiline ? -1 : pending.lastIndexOf('\n');
    if (cut === -1) return;
    to.write(redactSecrets(pending.slice(0, cut + 1), secrets));
    pending = pending.slice(cut + 1);
  });
  from.on('end', () => {
    if (pending) to.write(redactSecrets(pending, secrets));
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : signal === 'SIGKILL' ? 9 : 1;
}
