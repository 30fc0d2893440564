// `harbor qr <service>`: a QR code of the service's URL in the terminal, to open it on a phone (with --lan).
import * as v from 'valibot';
import { readComposeContainers } from '../../compose/compose-containers';
import { defineCommand } from '../../shared/command-spec';
import { selectServiceUrl } from '../../compose/core/service-url';
import { renderQr } from '../../shared/core/render-qr';
import { parseHostFacts } from '../../source/core/host-facts';
import { resolveSource } from '../../stack/resolve-source';
import { readStack } from '../../stack/stack';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../stack/commands/stack-options';
import { selectUrlHost } from '../core/lan-url';
import { LAN_OPTIONS, lanOptionEntries } from './lan-options';

export const qrCommand = defineCommand({
  usage: 'qr <service>',
  group: 'Stack',
  summary: "Print a QR code of a running service's URL (with --lan: reachable from a phone on the same network)",
  options: [...STACK_OPTIONS, ...LAN_OPTIONS],
  examples: ['./harbor.sh qr webui --lan', './harbor.sh qr webui --host myserver.lan', './harbor.sh qr hello   # http://localhost:PORT, for this machine'],
  schema: v.object({ ...stackOptionEntries, ...lanOptionEntries }),
  async run({ args, options, deps }) {
    const service = args[0]!;
    const hostOf = (url: string) => selectUrlHost(url, { lan: options.lan, host: options.host, facts: parseHostFacts(deps.env.HARBOR_HOST_FACTS) });
    hostOf('http://localhost/'); // a missing LAN address or a bad --host fails before the engine is asked
    const source = await resolveSource(deps, sourceOptionsOf(options, [service]));
    const stack = await readStack(deps, source);
    const containers = await readComposeContainers(deps, source.project, source.selection.files, { env: stack.composeEnv });
    const url = hostOf(selectServiceUrl(containers, service, false));
    deps.out(`${renderQr(url)}${url}\n`);
  },
});
