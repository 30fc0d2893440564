// `harbor tunnel ls`: the project's tunnels, found by their container labels (nothing to get out of sync).
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { STACK_OPTIONS, stackOptionEntries } from '../../stack/commands/stack-options';
import { resolveSource } from '../../stack/resolve-source';
import { sourceOptionsOf } from '../../stack/commands/stack-options';
import { renderTunnelTable } from '../core/list-tunnels';
import { findTunnels, readQuickTunnelUrl } from '../docker-tunnels';

export const tunnelLsCommand = defineCommand({
  usage: 'tunnel ls',
  group: 'Stack',
  summary: "List the stack's tunnels: service, public URL, status and age, container",
  options: [...STACK_OPTIONS, { flags: '--json', description: 'Print a JSON array' }],
  examples: ['./harbor.sh tunnel ls', './harbor.sh tunnel ls --json'],
  schema: v.object({ ...stackOptionEntries, json: v.optional(v.boolean(), false) }),
  async run({ options, deps }) {
    const source = await resolveSource(deps, sourceOptionsOf(options, []));
    const tunnels = await findTunnels(deps, source.project.name);
    const rows = await Promise.all(tunnels.map(async (tunnel) => ({ tunnel, url: tunnel.kind === 'quick' && tunnel.running ? await readQuickTunnelUrl(deps, tunnel.name) : undefined })));
    if (!options.json) return deps.out(renderTunnelTable(rows));
    const json = rows.map(({ tunnel, url }) => ({
      kind: tunnel.kind,
      service: tunnel.service || null,
      url: url ?? null,
      target: tunnel.target || null,
      running: tunnel.running,
      status: tunnel.status,
      created: tunnel.createdAt,
      container: tunnel.name,
    }));
    deps.out(`${JSON.stringify(json, null, 2)}\n`);
  },
});
