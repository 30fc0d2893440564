// `harbor ps`: the project's containers (every one of them, whichever compose file started it).
import * as v from 'valibot';
import { readComposeContainers } from '../compose-containers';
import { defineCommand } from '../../shared/command-spec';
import { composePsAction } from '../../workflow/actions/compose-ps';
import { buildCommandContext } from '../../stack/action-context';
import { resolveSource } from '../../stack/resolve-source';
import { readStack } from '../../stack/stack';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../stack/commands/stack-options';

export const psCommand = defineCommand({
  usage: 'ps [...handles]',
  group: 'Stack',
  summary: "List the project's containers with their state and ports",
  options: [
    ...STACK_OPTIONS,
    { flags: '-a, --all', description: 'Include stopped containers' },
    { flags: '--json', description: 'Print [{service, name, state, health, ports: [{hostIp, targetPort, publishedPort, protocol}]}]' },
  ],
  examples: ['./harbor.sh ps', './harbor.sh ps --all', './harbor.sh ps --json | jq -r ".[].service"'],
  schema: v.object({ ...stackOptionEntries, all: v.optional(v.boolean(), false), json: v.optional(v.boolean(), false) }),
  async run({ args, options, deps }) {
    const source = await resolveSource(deps, sourceOptionsOf(options, args));
    const stack = await readStack(deps, source);
    // compose ps lists every container of the project, not only the selected files' services.
    if (options.json) {
      const containers = await readComposeContainers(deps, source.project, source.selection.files, { env: stack.composeEnv, all: options.all, secretValues: stack.secretValues });
      deps.out(`${JSON.stringify(containers, null, 2)}\n`);
      return;
    }
    await composePsAction.run(v.parse(composePsAction.params, { all: options.all }), buildCommandContext(deps, stack, 'ps'));
  },
});
