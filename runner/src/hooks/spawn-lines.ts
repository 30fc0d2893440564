// Spawns a hook's process (docker run ...) and hands its output over line by line, as it comes.
import { spawn } from 'node:child_process';

export interface LineProcess {
  /** Writes to the process's stdin (a ts_routine's answers). */
  write(text: string): void;
  /** Resolves with the exit code (128 + signal number when killed). */
  exited: Promise<number>;
}

export interface SpawnLinesOptions {
  /** Added to the base environment: secret values travel here, never on argv. */
  env: Readonly<Record<string, string>>;
  onLine(stream: 'stdout' | 'stderr', line: string): void;
  /** Keep stdin open for write(); otherwise the process reads nothing. */
  stdin?: boolean;
}

export type SpawnLines = (argv: readonly string[], options: SpawnLinesOptions) => LineProcess;

/** The real spawner: no shell, argv as given, the base env plus the hook's. */
export function createSpawnLines(baseEnv: Readonly<Record<string, string | undefined>>): SpawnLines {
  return (argv, options) => {
    const [file, ...args] = argv;
    const child = spawn(file!, args, { env: { ...baseEnv, ...options.env }, shell: false, stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve(code ?? (signal === 'SIGKILL' ? 137 : 143)));
    });
    for (const stream of ['stdout', 'stderr'] as const) {
      let pending = '';
      child[stream]!.setEncoding('utf8');
      child[stream]!.on('data', (chunk: string) => {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop()!;
        for (const line of lines) options.onLine(stream, line);
      });
      child[stream]!.on('end', () => {
        if (pending) options.onLine(stream, pending);
      });
    }
    child.stdin?.on('error', () => undefined);
    return { write: (text) => child.stdin?.write(text), exited };
  };
}
