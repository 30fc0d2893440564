// The valibot schema of `commands:` in stacks/<service>/harbor.yaml: a service's own helpers, run by `harbor svc`.
import * as v from 'valibot';

/** Where a service command runs. */
export const COMMAND_PLACES = ['container', 'one-off', 'runner'] as const;
export type CommandPlace = (typeof COMMAND_PLACES)[number];

/** Command names: what a user types after `harbor svc <service>`. */
export const COMMAND_NAME = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * One service command.
 * @example { summary: 'List the models', run: ['ollama', 'list'] }
 * @example { summary: 'Pull a model', run: 'ollama pull "$1"', in: 'container' }
 */
export const ServiceCommandSchema = v.strictObject({
  /** One line for `harbor svc <service> --help`. @example 'List the models' */
  summary: v.optional(v.pipe(v.string(), v.description('One line shown by harbor svc <service> --help'))),
  /**
   * The command: an argv list (the user's arguments are appended), or a string run by `sh -c` (the user's
   * arguments are "$1", "$2", ... and "$@").
   * @example ['ollama', 'list']
   */
  run: v.union(
    [v.pipe(v.string(), v.minLength(1, 'must not be empty')), v.pipe(v.array(v.string()), v.minLength(1, 'must name a program'))],
    'must be a command line (string, run by sh -c) or an argv list',
  ),
  /**
   * Where it runs: `container` (the service's running container, compose exec; default), `one-off` (a throwaway
   * container of the service, compose run --rm) or `runner` (the runner, with docker and compose at hand).
   * @example 'one-off'
   */
  in: v.optional(v.pipe(v.picklist(COMMAND_PLACES, 'must be container, one-off or runner'), v.description('container (default), one-off or runner')), 'container'),
  /** The compose service it runs in (default: the folder's name). @example 'ollama' */
  service: v.optional(v.pipe(v.string(), v.regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'must be a compose service name'))),
});

/**
 * `commands:` of a stack folder's harbor.yaml: name → command.
 * @example { models: { summary: 'List the models', run: ['ollama', 'list'] } }
 */
export const ServiceCommandsSchema = v.pipe(
  v.record(v.pipe(v.string(), v.regex(COMMAND_NAME, 'command names use a-z, 0-9, "_" and "-", starting with a letter or digit')), ServiceCommandSchema),
  v.description('Service commands, run with `harbor svc <service> <command>` (read from stacks/<service>/harbor.yaml)'),
);

export type ServiceCommandConfig = v.InferOutput<typeof ServiceCommandSchema>;
