// The `net.tunnel.quick` action: a quick tunnel to a service (idempotent), its URL in the deploy's URL list.
import * as v from 'valibot';
import { defineAction } from '../../workflow/action';
import { renderQr } from '../../shared/core/render-qr';
import { startQuickTunnel } from '../../tunnels/start-quick-tunnel';
import { tunnelStackOf } from './tunnel-stack-of';

const Params = v.strictObject({
  /** The compose service to share. @example 'hello' */
  service: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  /** Its port inside the stack (default: its first container port in the compose model). @example 8080 */
  port: v.optional(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be 1 to 65535'), v.maxValue(65535, 'must be 1 to 65535'))),
  /** Seconds to wait for the public URL (default: tunnels.timeout). @example 90 */
  timeout: v.optional(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'))),
  /** Print a QR code of the URL (default true). @example false */
  qr: v.optional(v.boolean(), true),
});

export const netTunnelQuickAction = defineAction({
  name: 'net.tunnel.quick',
  summary: 'Share a service on the internet through a Cloudflare quick tunnel (https://*.trycloudflare.com), with a QR code',
  params: Params,
  plan: (p, ctx) => ({ description: `quick tunnel to ${p.service}${p.port ? `:${p.port}` : ''} (cloudflared on the ${ctx.projectName} stack network)` }),
  run: async (p, ctx) => {
    const tunnel = await startQuickTunnel(ctx.deps, tunnelStackOf(ctx), p.service, {
      ...(p.port !== undefined && { port: p.port }),
      ...(p.timeout !== undefined && { timeout: p.timeout }),
    });
    ctx.log.success(`${p.service} is public at ${tunnel.url}${tunnel.reused ? ' (already running)' : ''}`);
    if (p.qr) ctx.log.log(renderQr(tunnel.url));
    return { summary: `tunnel ${p.service}: ${tunnel.url}`, urls: [tunnel.url], data: tunnel };
  },
});
