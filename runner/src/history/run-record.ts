// What run-main.ts records of each run: its argv (or, for `history run N`, the command it ran again), exit and duration.
import { parseHistorySize, redactArgv } from './core/history-entry';
import { recordHistory } from './record-history';

export interface RunRecord {
  /** For `history run N`: record this argv instead of the one that started the process. */
  recordAs(argv: string[]): void;
  /** Writes the entry once (a second call, e.g. the signal path after the normal one, does nothing). Never throws. */
  finish(exit: number): Promise<void>;
}

interface RecordDeps {
  home: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  log: { warn(message: string): void; debug(message: string): void };
}

/** `history` itself (list, --clear) is not recorded; `history run N` is recorded as the command it runs. */
export function startRunRecord(deps: RecordDeps, argv: readonly string[]): RunRecord {
  const started = Date.now();
  const time = new Date(started).toISOString();
  let recorded: string[] | undefined = argv.find((a) => !a.startsWith('-')) === 'history' ? undefined : [...argv];
  let done = false;
  return {
    recordAs(next) {
      recorded = [...next];
    },
    async finish(exit) {
      if (done || recorded === undefined) return;
      done = true;
      const size = parseHistorySize(deps.env.HARBOR_HISTORY_SIZE);
      if ('error' in size) deps.log.warn(`${size.error}: keeping the default 1000 entries`);
      try {
        await recordHistory(deps.home, { time, argv: redactArgv(recorded), exit, durationMs: Date.now() - started, cwd: deps.cwd }, 'size' in size ? size.size : 1000);
      } catch (err) {
        // The history is a convenience: a full disk or a read-only home must not change the command's outcome.
        deps.log.debug(`history not recorded: ${(err as Error).message}`);
      }
    },
  };
}
