// `harbor url [-i] SERVICE`: the service's URL on the host (http://localhost:PORT) or on the stack network.
import * as v from 'valibot';
import { readComposeContainers } from '../compose-containers';
import { defineCommand } from '../../shared/command-spec';
import { selectRoutedServiceUrl } from '../../routing/core/select-routed-service-url';
import { resolveSource } from '../../stack/resolve-source';
import { readStack } from '../../stack/stack';
import { readRoutes } from '../../routing/read-routes';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../stack/commands/stack-options';

export const urlCommand = defineCommand({
  usage: 'url <service>',
  group: 'Stack',
  summary: "Print a running service's URL: published on this host, with -i its address on the stack network, with -r its Traefik route",
  options: [
    ...STACK_OPTIONS,
    { flags: '-i, --internal', description: 'The URL other containers use: http://<service>:<port>' },
    { flags: '-r, --routed', description: 'The Traefik URL the routing overlay gives it: http(s)://<service>.<domain> (docs/Harbor-Traefik.md)' },
  ],
  examples: ['./harbor.sh url hello', './harbor.sh url -i greeter', './harbor.sh url -r hello', 'curl "$(./harbor.sh url hello)"'],
  schema: v.object({ ...stackOptionEntries, internal: v.optional(v.boolean(), false), routed: v.optional(v.boolean(), false) }),
  async run({ args, options, deps }) {
    const service = args[0]!;
    const source = await resolveSource(deps, sourceOptionsOf(options, [service]));
    const stack = await readStack(deps, source);
    const containers = await readComposeContainers(deps, source.project, source.selection.files, { env: stack.composeEnv, secretValues: stack.secretValues });
    const routed = (await readRoutes(deps.home))[service];
    deps.out(`${selectRoutedServiceUrl(containers, service, { internal: options.internal, routed: options.routed }, routed)}\n`);
    // stdout keeps one URL for scripts; the route is shown beside it on stderr.
    if (routed !== undefined && !options.routed && !options.internal) deps.log.info(`routed by Traefik: ${routed}`);
  },
});
