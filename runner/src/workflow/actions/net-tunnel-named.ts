// The `net.tunnel.named.up` / `net.tunnel.named.down` actions: the descriptor's named tunnel.
import * as v from 'valibot';
import { defineAction } from '../../workflow/action';
import { startNamedTunnel, stopNamedTunnel } from '../../tunnels/named-tunnel';
import { tunnelStackOf } from './tunnel-stack-of';

const UpParams = v.strictObject({
  /** Seconds to wait for the connection to Cloudflare (default: tunnels.timeout). @example 90 */
  timeout: v.optional(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'))),
});

export const netTunnelNamedUpAction = defineAction({
  name: 'net.tunnel.named.up',
  summary: 'Start the named Cloudflare tunnel of tunnels.named (token from a secrets layer, ingress rendered by prepare)',
  params: UpParams,
  plan: (_p, ctx) => ({ description: `named tunnel up: ${(ctx.tunnels?.named?.ingress ?? []).map((r) => `${r.hostname} → ${r.service}`).join(', ') || '(no ingress)'}` }),
  run: async (p, ctx) => {
    const tunnel = await startNamedTunnel(ctx.deps, tunnelStackOf(ctx), { ...(p.timeout !== undefined && { timeout: p.timeout }) });
    const urls = tunnel.hostnames.map((h) => `https://${h}`);
    return { summary: `named tunnel ${tunnel.reused ? 'already running' : 'connected'}: ${urls.join(' ')}`, urls, data: tunnel };
  },
});

export const netTunnelNamedDownAction = defineAction({
  name: 'net.tunnel.named.down',
  summary: 'Stop the named Cloudflare tunnel',
  params: v.strictObject({}),
  plan: () => ({ description: 'named tunnel down' }),
  run: async (_p, ctx) => {
    const removed = await stopNamedTunnel(ctx.deps, ctx.projectName);
    return { summary: removed.length ? `stopped ${removed.join(', ')}` : 'no named tunnel was running' };
  },
});
