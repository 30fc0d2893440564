// What run-main.ts records of each run: its argv (or, for `history run N`, the command it ran again), exit and duration.
import { parseHistorySize, redactArgv } from './core/history-entry';
import { recordHistory } from './record-history';

export interface RunRecord {
  /** For `history run N`: record this argv instead of the one that started the process. */
  recordAs(argv: string[]): void;
  /**
   * Writes the entry once. A second call (Ctrl-C: the signal path and the normal one both finish) gets the first
   * call's promise, so neither path exits before the entry is written. Never throws.
   */
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
  let writing: Promise<void> | undefined;
  return {
    recordAs(next) {
      recorded = [...next];
    },
    finish(exit) {
      writing ??= write(exit);
      return writing;
    },
  };

  async function write(exit: number): Promise<void> {
    if (recorded === undefined) return;
    const size = parseHistorySize(deps.env.HARBOR_HISTORY_SIZE);
    if ('error' in size) deps.log.warn(`${size.error}: keeping the default 1000 entries`);
    try {
      await recordHistory(deps.home, { time, argv: redactArgv(recorded), exit, durationMs: Date.now() - started, cwd: deps.cwd }, 'size' in size ? size.size : 1000);
    } catch (err) {
      // The history is a convenience: a full disk or a read-only home must not change the command's outcome.
      deps.log.debug(`history not recorded: ${(err as Error).message}`);
    }
  }
}
