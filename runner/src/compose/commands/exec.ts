// `harbor exec SERVICE COMMAND...`: runs a command in the service's running container (docker compose exec).
import * as v from 'valibot';
import { runCompose } from '../compose';
import { isInteractiveTerminal } from '../../shared/terminal';
import { defineCommand } from '../../shared/command-spec';
import { buildComposeArgv } from '../core/compose-argv';
import { buildComposeCallArgv } from '../model/compose-call-argv';
import type { Deps } from '../../shared/deps';
import { UsageError } from '../../shared/core/errors';
import { resolveSource } from '../../stack/resolve-source';
import { readStack } from '../../stack/stack';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries, type StackOptionValues } from '../../stack/commands/stack-options';

export interface ExecOptions extends StackOptionValues {
  user?: string | undefined;
  workdir?: string | undefined;
}

export const execCommand = defineCommand({
  usage: 'exec <service> [...command]',
  passThroughAfter: 1,
  group: 'Stack',
  summary: "Run a command in a service's running container (Harbor's own flags go before the service)",
  options: [
    ...STACK_OPTIONS,
    { flags: '-u, --user <user>', description: 'Run as this user (name or uid[:gid])' },
    { flags: '-w, --workdir <dir>', description: 'Working directory inside the container' },
  ],
  examples: ['./harbor.sh exec hello cat /www/index.html', './harbor.sh exec hello ls -la /www', './harbor.sh exec -u 0 hello id'],
  schema: v.object({ ...stackOptionEntries, user: v.optional(v.string()), workdir: v.optional(v.string()) }),
  async run({ args, rest, options, deps }) {
    const [service, ...words] = args;
    const command = [...words, ...rest];
    if (command.length === 0) {
      throw new UsageError(`exec: no command given for ${service}`, { hint: `name one: \`harbor exec ${service} sh\` (or \`harbor shell ${service}\`)` });
    }
    return runExec(deps, service!, command, options);
  },
});

/** A TTY only when the user is at one (compose exec -T otherwise), so piped output stays clean. Returns the command's exit code. */
export async function runExec(deps: Deps, service: string, command: readonly string[], options: ExecOptions): Promise<number> {
  const source = await resolveSource(deps, sourceOptionsOf(options, [service]));
  const stack = await readStack(deps, source);
  const flags = [
    ...(isInteractiveTerminal() ? [] : ['-T']),
    ...(options.user ? ['--user', options.user] : []),
    ...(options.workdir ? ['--workdir', options.workdir] : []),
  ];
  const planned = buildComposeArgv(source.project, source.selection.files, 'exec', [...flags, service, ...command]);
  const argv = await buildComposeCallArgv(deps, source.project, source.selection.files, { composeEnv: stack.composeEnv, secretValues: stack.secretValues }, planned);
  // The command's own exit code is the answer (a failing `test -f` is not a Harbor error): pass it back as is.
  return (await runCompose(deps, argv, { env: stack.composeEnv, check: false })).code;
}
