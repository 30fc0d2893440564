// Runs one `docker compose` argv (built by buildComposeArgv); a failure becomes a CommandError carrying compose's exit code.
import type { Deps } from '../shared/deps';
import { redactSecrets } from '../shared/core/redact-secrets';
import { CommandError } from '../shared/core/errors';
import type { RunResult } from '../shared/process-runner';
import { isStdoutTerminal } from '../shared/terminal';

export interface ComposeRunOptions {
  /** The compose env (merged layers, secrets): it travels only through the process environment, never argv. */
  env?: Readonly<Record<string, string>>;
  /**
   * `inherit` (default) streams compose's output to the user; `capture` returns it; `progress` is for calls
   * whose output is progress, not data (up, down, pull, build): it must never reach a stdout that a script
   * reads, yet compose prints BuildKit's build progress on stdout. So when stdout is not a terminal,
   * compose's stdout is sent to Harbor's stderr, live.
   */
  stdio?: 'inherit' | 'capture' | 'progress';
  /** Exit codes that are not failures for this call (e.g. 130 when the user stops `logs -f`). */
  okCodes?: readonly number[];
  /** false: any exit code is returned, not thrown (exec, where the code is the command's own answer). */
  check?: boolean;
  /** Values to redact from compose's stderr before it goes into an error message. */
  secretValues?: readonly string[];
}

/**
 * Compose's own exit code passes through as Harbor's (e.g. 15 for an invalid compose file, 14 for a missing
 * one), and with `capture` its stderr goes into the message, since the user has not seen it yet.
 */
export async function runCompose(deps: Deps, argv: readonly string[], options: ComposeRunOptions = {}): Promise<RunResult> {
  const stdio = options.stdio === 'progress' ? (isStdoutTerminal() ? 'inherit' : 'stderr') : (options.stdio ?? 'inherit');
  let result: RunResult;
  try {
    // Secret values are masked in whatever compose prints (errors quote interpolated values).
    const redact = stdio === 'capture' ? undefined : options.secretValues;
    result = await deps.run(argv, { cwd: deps.home, env: options.env ?? {}, stdio, ...(redact?.length && { redact }) });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CommandError(`cannot run ${argv[0]}: ${code === 'ENOENT' ? 'not found on PATH' : (err as Error).message}`, {
      code: 'DOCKER_MISSING',
      exitCode: 127,
      hint: 'Harbor needs the docker CLI with the compose plugin (the runner image has both; on the host: https://docs.docker.com/compose/install/)',
      cause: err,
    });
  }
  if (result.code === 0 || options.check === false || options.okCodes?.includes(result.code)) return result;
  const label = `docker compose ${subcommandOf(argv)}`;
  // Captured stderr has not been seen yet: it goes into the message. Otherwise compose already printed it.
  const detail = options.stdio === 'capture' ? redactSecrets(lastLines(result.stderr, 20), options.secretValues ?? []) : '';
  throw new CommandError(`${label} failed (exit ${result.code})${detail ? `:\n${detail}` : ''}`, {
    exitCode: result.code,
    hint: detail ? 'run with --debug to see the exact compose command' : "compose's own error is printed above; run with --debug to see the exact command",
  });
}

/** The word after the global flags (`-p`, `--project-directory`, `-f` pairs): up, down, ps, ... */
function subcommandOf(argv: readonly string[]): string {
  const withValue = new Set(['-p', '--project-name', '--project-directory', '-f', '--file', '--env-file', '--profile']);
  for (let i = 2; i < argv.length; i++) {
    const word = argv[i]!;
    if (withValue.has(word)) i++;
    else if (!word.startsWith('-')) return word;
  }
  return '';
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}
