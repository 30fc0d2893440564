// `harbor url [-i] SERVICE`: the service's URL on the host (http://localhost:PORT) or on the stack network.
import * as v from 'valibot';
import { readComposeContainers } from '../compose-containers';
import { defineCommand } from '../../shared/command-spec';
import { selectRoutedServiceUrl } from '../../routing/core/select-routed-service-url';
import { resolveSource } from '../../stack/resolve-source';
import { readStack } from '../../stack/stack';
import { readRoutes } from '../../routing/read-routes';
import { LAN_OPTIONS, lanOptionEntries } from '../../open/commands/lan-options';
import { selectUrlHost } from '../../open/core/lan-url';
import { parseHostFacts } from '../../source/core/host-facts';
import { UsageError } from '../../shared/core/errors';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../stack/commands/stack-options';

export const urlCommand = defineCommand({
  usage: 'url <service>',
  group: 'Stack',
  summary: "Print a running service's URL: published on this host, with -i its address on the stack network, with -r its Traefik route",
  options: [
    ...STACK_OPTIONS,
    { flags: '-i, --internal', description: 'The URL other containers use: http://<service>:<port>' },
    { flags: '-r, --routed', description: 'The Traefik URL the routing overlay gives it: http(s)://<service>.<domain> (docs/Harbor-Traefik.md)' },
    ...LAN_OPTIONS,
  ],
  examples: ['./harbor.sh url hello', './harbor.sh url -i greeter', './harbor.sh url -r hello', './harbor.sh url --lan hello   # http://192.168.1.5:PORT, from other machines', 'curl "$(./harbor.sh url hello)"'],
  schema: v.object({ ...stackOptionEntries, internal: v.optional(v.boolean(), false), routed: v.optional(v.boolean(), false), ...lanOptionEntries }),
  async run({ args, options, deps }) {
    const service = args[0]!;
    if (options.internal && (options.lan || options.host !== undefined)) {
      throw new UsageError('url: -i (the stack network address) cannot be combined with --lan or --host', { hint: 'drop -i for an address other machines can reach' });
    }
    const hostOf = (url: string) => selectUrlHost(url, { lan: options.lan, host: options.host, facts: parseHostFacts(deps.env.HARBOR_HOST_FACTS) });
    hostOf('http://localhost/'); // a missing LAN address or a bad --host fails before the engine is asked
    const source = await resolveSource(deps, sourceOptionsOf(options, [service]));
    const stack = await readStack(deps, source);
    const containers = await readComposeContainers(deps, source.project, source.selection.files, { env: stack.composeEnv, secretValues: stack.secretValues });
    const routed = (await readRoutes(deps.home))[service];
    const url = selectRoutedServiceUrl(containers, service, { internal: options.internal, routed: options.routed }, routed);
    // A routed URL names the proxy's host already; --lan/--host change the published one.
    deps.out(`${options.internal || options.routed ? url : hostOf(url)}\n`);
    // stdout keeps one URL for scripts; the route is shown beside it on stderr.
    if (routed !== undefined && !options.routed && !options.internal) deps.log.info(`routed by Traefik: ${routed}`);
  },
});
