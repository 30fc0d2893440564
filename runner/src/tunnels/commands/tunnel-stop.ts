// `harbor tunnel stop SERVICE|--all`: removes quick tunnels (and, with --all, the named one).
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { resolveSource } from '../../stack/resolve-source';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../stack/commands/stack-options';
import { didYouMean } from '../../shared/core/closest-names';
import { UsageError } from '../../shared/core/errors';
import { findTunnels, removeTunnels } from '../docker-tunnels';

export const tunnelStopCommand = defineCommand({
  usage: 'tunnel stop [service]',
  group: 'Stack',
  summary: "Stop a service's quick tunnel (--all: every tunnel of the stack, the named one too)",
  options: [...STACK_OPTIONS, { flags: '--all', description: 'Stop every tunnel of this stack' }],
  examples: ['./harbor.sh tunnel stop hello', './harbor.sh tunnel stop --all'],
  schema: v.object({ ...stackOptionEntries, all: v.optional(v.boolean(), false) }),
  async run({ args, options, deps }) {
    const service = args[0];
    if (service === undefined && !options.all) throw new UsageError('name the service whose tunnel to stop, or --all', { hint: 'harbor tunnel ls lists them' });
    if (service !== undefined && options.all) throw new UsageError('give a service or --all, not both');
    const source = await resolveSource(deps, sourceOptionsOf(options, []));
    const all = await findTunnels(deps, source.project.name);
    const chosen = options.all ? all : all.filter((t) => t.kind === 'quick' && t.service === service);
    if (chosen.length === 0) {
      const known = all.filter((t) => t.kind === 'quick').map((t) => t.service);
      deps.log.warn(options.all ? 'no tunnels to stop' : `no tunnel to ${service} is running${didYouMean(service!, known)}`);
      return;
    }
    await removeTunnels(deps, chosen);
    for (const t of chosen) deps.log.success(`stopped ${t.kind === 'named' ? 'the named tunnel' : `the tunnel to ${t.service}`} (${t.name})`);
  },
});
