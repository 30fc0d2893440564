// Decides the exact process a service command becomes: compose exec, compose run --rm, or a process in the runner.
import { buildComposeArgv, type ComposeProject } from '../../compose/core/compose-argv';
import type { ServiceCommand } from './service-command';

export interface ServiceCommandPlan {
  argv: string[];
  /** Fed to the process's stdin: a cmd/ script run in a container arrives this way (`sh -s`). */
  input?: string;
  /** For `runner`: what the process gets besides the compose env (COMPOSE_FILE, ...). */
  env: Record<string, string>;
}

export interface PlanServiceCommandInput {
  command: ServiceCommand;
  args: readonly string[];
  project: ComposeProject;
  /** The stack's compose -f list, relative to the home. */
  files: readonly string[];
  /** A terminal on both ends: exec and run get a TTY; otherwise -T. */
  interactive: boolean;
}

/**
 * The user's arguments go after an argv command, into "$@" of a shell line or script (never into a shell string).
 * @example planServiceCommand({ command: visits, args: [], project, files, interactive: false }).argv.slice(-5)
 *   // ['exec', '-T', 'hello', 'cat', '/data/visits']
 */
export function planServiceCommand(input: PlanServiceCommandInput): ServiceCommandPlan {
  const { command, args, project } = input;
  const { words, stdin } = commandWords(command, args, command.place !== 'runner');
  if (command.place === 'runner') {
    const files = input.files.map((f) => (f.startsWith('/') ? f : `${project.directory}/${f}`));
    return {
      argv: words,
      env: { HARBOR_SERVICE: command.service, COMPOSE_PROJECT_NAME: project.name, COMPOSE_FILE: files.join(':') },
    };
  }
  // Input on stdin needs -T (no TTY): the script arrives through the pipe.
  const tty = input.interactive && stdin === undefined ? [] : ['-T'];
  const sub = command.place === 'container' ? ['exec', ...tty] : ['run', '--rm', ...tty, ...(command.body.kind === 'script' ? ['--entrypoint', 'sh'] : [])];
  const rest = command.place === 'one-off' && command.body.kind === 'script' ? words.slice(1) : words;
  return {
    argv: buildComposeArgv(project, input.files, sub[0]!, [...sub.slice(1), command.service, ...rest]),
    ...(stdin !== undefined && { input: stdin }),
    env: {},
  };
}

function commandWords(command: ServiceCommand, args: readonly string[], inContainer: boolean): { words: string[]; stdin?: string } {
  const body = command.body;
  if (body.kind === 'argv') return { words: [...body.argv, ...args] };
  // `sh -c LINE NAME ARGS...`: NAME is $0, the user's arguments are $1... and never parsed by a shell.
  if (body.kind === 'shell') return { words: ['sh', '-c', body.line, command.name, ...args] };
  if (inContainer) return { words: ['sh', '-s', '--', ...args], stdin: body.text };
  return { words: body.executable ? [body.path, ...args] : ['sh', body.path, ...args] };
}
