// Creates the one consola logger: every log line goes to stderr so stdout carries data only.
import { createConsola, type ConsolaInstance } from 'consola';

export interface LoggerOptions {
  debug: boolean;
  quiet: boolean;
  /** NO_COLOR or a stderr that is not a terminal. */
  color: boolean;
  stderr: NodeJS.WriteStream;
}

// consola levels: 1 warn, 3 info/success, 4 debug.
export function createLogger(options: LoggerOptions): ConsolaInstance {
  const level = options.debug ? 4 : options.quiet ? 1 : 3;
  // consola picks its plain "[success] …" reporter when it sees CI or a test runner: Harbor's lines must not
  // change with the environment (users grep them, tests assert them), so the glyph reporter is always used.
  const settings = {
    level,
    fancy: true,
    stdout: options.stderr,
    stderr: options.stderr,
    formatOptions: { colors: options.color, date: false, compact: true },
  };
  return createConsola(settings as Parameters<typeof createConsola>[0]);
}
