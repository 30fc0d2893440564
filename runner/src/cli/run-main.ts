// The composition root: builds the logger and adapters, runs the CLI and prints errors; main.ts owns the exit.
import { inspect } from 'node:util';
import { createLogger } from '../shared/logger';
import { createProcessRunner } from '../shared/process-runner';
import { GLOBAL_OPTIONS, runCli } from './cli';
import { ALL_COMMANDS } from './all-commands';
import type { Deps } from '../shared/deps';
import { EXIT, HarborError } from '../shared/core/errors';
import { writeCompletionCache } from '../completion/write-completion-cache';
import { startRunRecord } from '../history/run-record';

/** `exit` is main.ts's: a signal ends the run through it once what Harbor started has stopped. */
export async function runMain(argv: string[], exit: (code: number) => void): Promise<number> {
  // Global flags are read before parsing so that parse errors already log at the right level.
  const debug = argv.includes('--debug') || process.env.HARBOR_DEBUG === '1';
  const quiet = argv.includes('--quiet');
  const color = !process.env.NO_COLOR && process.stderr.isTTY === true;
  const log = createLogger({ debug, quiet, color, stderr: process.stderr });
  const processes = createProcessRunner(log, process.env);

  let stopping = false;
  const cleanups = new Set<() => Promise<void>>();
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.warn(`${signal}: stopping what Harbor started…`);
    void processes
      .stopAll(signal)
      .then(() => Promise.allSettled([...cleanups].map((cleanup) => cleanup())))
      // (A signal before `history` below exists leaves no entry: the catch keeps the exit.)
      .then(() => history.finish(EXIT.interrupted))
      .catch(() => undefined)
      .then(() => exit(EXIT.interrupted));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const deps: Deps = {
    log,
    out: (text) => process.stdout.write(text),
    // --compose-files keeps compose on the N files (same as HARBOR_COMPOSE_FILES=1): see docs/compose-model.md.
    env: { ...process.env, ...(argv.includes('--compose-files') && { HARBOR_COMPOSE_FILES: '1' }) },
    home: process.env.HARBOR_HOME || process.cwd(),
    // The user's directory on the host: the runner starts in it when harbor.sh could mount it (docs/runner.md).
    cwd: process.env.HARBOR_HOST_CWD || process.cwd(),
    run: processes.run,
    debug,
    onInterrupt: (cleanup) => {
      cleanups.add(cleanup);
      return () => cleanups.delete(cleanup);
    },
  };
  // Every run is recorded in var/history.jsonl (docs/Harbor-Utilities.md, "history"), Ctrl-C included (above).
  const history = startRunRecord(deps, argv);
  deps.rerun = (again) => {
    history.recordAs(again);
    return runCli(again, ALL_COMMANDS, deps);
  };
  let code: number;
  try {
    code = await runCli(argv, ALL_COMMANDS, deps);
  } catch (err) {
    code = reportError(err, debug);
  } finally {
    // Once `harbor completion` wrote it, the shells' cache follows the stack's names (docs/Harbor-Utilities.md).
    await writeCompletionCache(deps.home, ALL_COMMANDS, GLOBAL_OPTIONS, { onlyIfPresent: true }).catch((err: unknown) => log.debug(`completion cache not refreshed: ${String(err)}`));
  }
  // On Ctrl-C the command may end (its children stopped) before the signal path: it is still an interruption.
  await history.finish(stopping ? EXIT.interrupted : code);
  return code;
}

/** The one top-level handler: message and hint; a stack only with --debug or for bugs. */
function reportError(err: unknown, debug: boolean): number {
  if (err instanceof HarborError) {
    process.stderr.write(`✖ ${err.message}\n`);
    if (err.hint) process.stderr.write(`  ${err.hint}\n`);
    if (debug) process.stderr.write(`${inspect(err)}\n`);
    return err.exitCode;
  }
  process.stderr.write(`✖ internal error (a bug in Harbor, please report it): ${err instanceof Error ? err.message : String(err)}\n`);
  process.stderr.write(`${err instanceof Error ? err.stack : inspect(err)}\n`);
  return EXIT.failure;
}
