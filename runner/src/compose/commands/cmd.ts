// `harbor cmd [HANDLE...]`: prints the docker compose command line Harbor would run (v1 parity), quoted for a shell.
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { buildComposeArgv } from '../core/compose-argv';
import { renderShellCommand } from '../../shared/core/shell-quote';
import { resolveSource } from '../../stack/resolve-source';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../stack/commands/stack-options';

export const cmdCommand = defineCommand({
  usage: 'cmd [...handles]',
  group: 'Stack',
  summary: 'Print the docker compose command for the default services plus the ones named',
  options: STACK_OPTIONS,
  examples: ['./harbor.sh cmd', '$(./harbor.sh cmd webui) config --services', './harbor.sh cmd --no-defaults litellm'],
  schema: v.object(stackOptionEntries),
  async run({ args, options, deps }) {
    const source = await resolveSource(deps, sourceOptionsOf(options, args));
    // Without a subcommand: the user appends one (`$(harbor cmd) ps`). Env is not printed: it may hold secrets.
    const argv = buildComposeArgv(source.project, source.selection.files, '', []);
    deps.out(`${renderShellCommand(argv)}\n`);
  },
});
