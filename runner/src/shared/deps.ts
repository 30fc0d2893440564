// What commands receive instead of touching process globals: tests build a Deps with fakes.
import type { ConsolaInstance } from 'consola';
import type { RunProcess } from './process-runner';

export interface Deps {
  /** The one logger (stderr). */
  log: ConsolaInstance;
  /** Writes data to stdout. */
  out: (text: string) => void;
  /** A snapshot of the runner's environment. */
  env: Readonly<Record<string, string | undefined>>;
  /** The Harbor home: HARBOR_HOME, else the working directory. */
  home: string;
  cwd: string;
  run: RunProcess;
  debug: boolean;
  /** Registers cleanup to run on Ctrl-C/SIGTERM after child processes are stopped; returns its unregister. */
  onInterrupt?: (cleanup: () => Promise<void>) => () => void;
  /** Runs another Harbor command line in this process (`history run N`); it is recorded in place of the running one. */
  rerun?: (argv: string[]) => Promise<number>;
  /** The text of /proc/self/mountinfo, for the host-path guard (shared/host-path.ts); tests pass a fake table. */
  readMountInfo?: () => Promise<string>;
}
