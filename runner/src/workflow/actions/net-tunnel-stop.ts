// The `net.tunnel.stop` action: removes the stack's tunnels (all of them, or those to the given services).
import * as v from 'valibot';
import { defineAction } from '../../workflow/action';
import { findTunnels, removeTunnels } from '../../tunnels/docker-tunnels';

const Params = v.strictObject({
  /** Only the quick tunnels to these services (default: every tunnel of the stack, the named one too). @example ['hello'] */
  services: v.optional(v.array(v.pipe(v.string(), v.minLength(1, 'must not be empty')))),
});

export const netTunnelStopAction = defineAction({
  name: 'net.tunnel.stop',
  summary: "Stop the stack's Cloudflare tunnels (all, or those to the given services)",
  params: Params,
  plan: (p) => ({ description: p.services ? `stop the tunnels to ${p.services.join(', ')}` : "stop every tunnel of the stack" }),
  run: async (p, ctx) => {
    const all = await findTunnels(ctx.deps, ctx.projectName);
    const chosen = p.services ? all.filter((t) => t.kind === 'quick' && p.services!.includes(t.service)) : all;
    await removeTunnels(ctx.deps, chosen);
    return { summary: chosen.length ? `stopped ${chosen.map((t) => t.name).join(', ')}` : 'no tunnels were running' };
  },
});
