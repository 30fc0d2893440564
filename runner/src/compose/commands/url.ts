// `harbor url [-i] SERVICE`: the service's URL on the host (http://localhost:PORT) or on the stack network.
import * as v from 'valibot';
import { readComposeContainers } from '../compose-containers';
import { defineCommand } from '../../shared/command-spec';
import { selectServiceUrl } from '../core/service-url';
import { resolveSource } from '../../stack/resolve-source';
import { readStack } from '../../stack/stack';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../stack/commands/stack-options';

export const urlCommand = defineCommand({
  usage: 'url <service>',
  group: 'Stack',
  summary: "Print a running service's URL: published on this host, or with -i its address on the stack network",
  options: [...STACK_OPTIONS, { flags: '-i, --internal', description: 'The URL other containers use: http://<service>:<port>' }],
  examples: ['./harbor.sh url hello', './harbor.sh url -i greeter', 'curl "$(./harbor.sh url hello)"'],
  schema: v.object({ ...stackOptionEntries, internal: v.optional(v.boolean(), false) }),
  async run({ args, options, deps }) {
    const service = args[0]!;
    const source = await resolveSource(deps, sourceOptionsOf(options, [service]));
    const stack = await readStack(deps, source);
    const containers = await readComposeContainers(deps, source.project, source.selection.files, { env: stack.composeEnv, secretValues: stack.secretValues });
    deps.out(`${selectServiceUrl(containers, service, options.internal)}\n`);
  },
});
