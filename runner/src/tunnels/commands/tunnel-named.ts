// `harbor tunnel named up|down`: the account's named tunnel, token from a secrets layer, ingress from the descriptor.
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { STACK_OPTIONS, stackOptionEntries } from '../../stack/commands/stack-options';
import { UsageError } from '../../shared/core/errors';
import { loadTunnelStack } from './load-tunnel-stack';
import { startNamedTunnel, stopNamedTunnel } from '../named-tunnel';

export const tunnelNamedCommand = defineCommand({
  usage: 'tunnel named <up|down>',
  group: 'Stack',
  summary: 'Start or stop the named Cloudflare tunnel of tunnels.named (token from secrets, never on disk)',
  options: [...STACK_OPTIONS, { flags: '--timeout <seconds>', description: 'How long to wait for the connection (default: tunnels.timeout, 60)' }],
  examples: ['./harbor.sh tunnel named up', './harbor.sh tunnel named down'],
  schema: v.object({ ...stackOptionEntries, timeout: v.optional(v.pipe(v.string(), v.regex(/^[1-9][0-9]*$/, '--timeout must be a whole number'), v.transform(Number))) }),
  async run({ args, options, deps }) {
    const what = args[0]!;
    if (what !== 'up' && what !== 'down') throw new UsageError(`tunnel named: "${what}" is not up or down`, { hint: 'harbor tunnel named up, or harbor tunnel named down' });
    const stack = await loadTunnelStack(deps, options, []);
    if (what === 'down') {
      const removed = await stopNamedTunnel(deps, stack.project.name);
      if (removed.length) deps.log.success(`stopped the named tunnel (${removed.join(', ')})`);
      else deps.log.warn('no named tunnel is running');
      return;
    }
    const tunnel = await startNamedTunnel(deps, stack, { ...(options.timeout !== undefined && { timeout: options.timeout }) });
    deps.log.success(`named tunnel ${tunnel.reused ? 'already running' : 'connected'} (${tunnel.container}): ${tunnel.hostnames.map((h) => `https://${h}`).join(' ')}`);
  },
});
