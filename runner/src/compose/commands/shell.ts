// `harbor shell SERVICE`: an interactive shell in the service's running container: bash when it has one, else sh.
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { runExec } from './exec';
import { STACK_OPTIONS, stackOptionEntries } from '../../stack/commands/stack-options';

/** Decided inside the container, where we know what is installed; every image with bash also has sh. */
const BASH_ELSE_SH = ['sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi'];

export const shellCommand = defineCommand({
  usage: 'shell <service>',
  group: 'Stack',
  summary: "Open a shell in a service's running container (bash, else sh)",
  options: [...STACK_OPTIONS, { flags: '-u, --user <user>', description: 'Run as this user (name or uid[:gid])' }],
  examples: ['./harbor.sh shell hello', './harbor.sh shell -u 0 greeter'],
  schema: v.object({ ...stackOptionEntries, user: v.optional(v.string()) }),
  async run({ args, options, deps }) {
    return runExec(deps, args[0]!, BASH_ELSE_SH, options);
  },
});
