// `harbor tunnel SERVICE`: a public https://*.trycloudflare.com URL for a running service, with a QR code.
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { STACK_OPTIONS, stackOptionEntries } from '../../stack/commands/stack-options';
import { renderQr } from '../../shared/core/render-qr';
import { loadTunnelStack } from './load-tunnel-stack';
import { startQuickTunnel } from '../start-quick-tunnel';

const wholeNumber = (what: string) => v.optional(v.pipe(v.string(), v.regex(/^[1-9][0-9]*$/, `${what} must be a whole number`), v.transform(Number)));

export const tunnelCommand = defineCommand({
  usage: 'tunnel <service>',
  group: 'Stack',
  summary: 'Share a running service on the internet through a Cloudflare quick tunnel: prints its URL and a QR code',
  options: [
    ...STACK_OPTIONS,
    { flags: '--port <port>', description: "The service's port inside the stack (default: its first container port in the compose model)" },
    { flags: '--timeout <seconds>', description: 'How long to wait for the public URL (default: tunnels.timeout, 60)' },
    { flags: '--no-qr', description: 'Print the URL only' },
    { flags: '--json', description: 'Print {service, url, container, reused} as JSON' },
  ],
  examples: ['./harbor.sh tunnel hello', './harbor.sh tunnel ls', './harbor.sh tunnel stop hello', './harbor.sh tunnel named up'],
  schema: v.object({
    ...stackOptionEntries,
    port: wholeNumber('--port'),
    timeout: wholeNumber('--timeout'),
    qr: v.optional(v.boolean(), true),
    json: v.optional(v.boolean(), false),
  }),
  async run({ args, options, deps }) {
    const service = args[0]!;
    const stack = await loadTunnelStack(deps, options, [service]);
    const tunnel = await startQuickTunnel(deps, stack, service, {
      ...(options.port !== undefined && { port: options.port }),
      ...(options.timeout !== undefined && { timeout: options.timeout }),
    });
    if (options.json) return deps.out(`${JSON.stringify(tunnel)}\n`);
    deps.log.success(`${service} is public at ${tunnel.url}${tunnel.reused ? ' (the tunnel was already running)' : ''}: anyone with the link can reach it; harbor tunnel stop ${service} ends it`);
    if (options.qr) deps.log.log(renderQr(tunnel.url));
    deps.out(`${tunnel.url}\n`);
  },
});
