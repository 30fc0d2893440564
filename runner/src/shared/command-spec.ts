// The shape of one CLI command: usage, help text, a valibot schema for its options, and its action.
import type * as v from 'valibot';
import type { Deps } from './deps';

/** Help groups, in the order `harbor --help` lists them. */
export const COMMAND_GROUPS = ['Deploy', 'Stack', 'Inspect', 'Env & secrets', 'Tasks', 'Runner'] as const;
export type CommandGroup = (typeof COMMAND_GROUPS)[number];

export interface OptionSpec {
  /** cac syntax: '-n, --tail <lines>', '--json', '--no-defaults'. */
  flags: string;
  description: string;
  default?: unknown;
}

export interface CommandContext<O> {
  /** Positional arguments, as strings. */
  args: string[];
  /** Arguments after `--`, untouched. */
  rest: string[];
  options: O;
  deps: Deps;
}

export interface CommandSpec<S extends v.GenericSchema = v.GenericSchema> {
  /** cac syntax with the full (possibly two-word) name: 'secrets decrypt <file>'. */
  usage: string;
  group: CommandGroup;
  summary: string;
  options?: readonly OptionSpec[];
  examples?: readonly string[];
  /** Validates the normalised options (strings and booleans only; see normalizeOptions). */
  schema: S;
  /** Pass unknown flags through (for commands that forward to compose). */
  allowUnknownOptions?: boolean;
  /**
   * After this many positional arguments, everything is the user's command, flags included, and arrives in
   * `rest` (`harbor exec hello ls -la`: 1). Harbor's own options must come before that point.
   */
  passThroughAfter?: number;
  /** With a positional argument, `--help` is the command's (options.help): `harbor svc hello --help` lists hello's commands. */
  ownHelp?: boolean;
  /** Returns the exit code; undefined means 0. */
  run(ctx: CommandContext<v.InferOutput<S>>): Promise<number | void>;
}

/** Keeps the option schema's type attached to the action (a plain object literal would widen it). */
export function defineCommand<S extends v.GenericSchema>(spec: CommandSpec<S>): CommandSpec<S> {
  return spec;
}
