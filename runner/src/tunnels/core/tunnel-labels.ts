// The labels that mark Harbor's cloudflared containers: tunnels are found by them, so nothing can get out of sync.

export const TUNNEL_LABEL = 'io.harbor.tunnel';
export const PROJECT_LABEL = 'io.harbor.project';
export const SERVICE_LABEL = 'io.harbor.tunnel.service';
export const TARGET_LABEL = 'io.harbor.tunnel.target';
export const METRICS_LABEL = 'io.harbor.tunnel.metrics';

export type TunnelKind = 'quick' | 'named';

/** The metrics address every Harbor cloudflared listens on, inside its container (cloudflared's `--metrics`). */
export const METRICS_PORT = 20241;

/**
 * The container name of a tunnel: one quick tunnel per service, one named tunnel per project.
 * @example tunnelContainerName('demo', 'quick', 'hello') // 'demo-tunnel-hello'
 */
export function tunnelContainerName(project: string, kind: TunnelKind, service?: string): string {
  return kind === 'named' ? `${project}-tunnel-named` : `${project}-tunnel-${service}`;
}

/** The `docker ps --filter` arguments that find a project's tunnels (of one kind, for one service, when given). */
export function tunnelFilters(project: string, kind?: TunnelKind, service?: string): string[] {
  const filters = ['--filter', `label=${PROJECT_LABEL}=${project}`, '--filter', kind ? `label=${TUNNEL_LABEL}=${kind}` : `label=${TUNNEL_LABEL}`];
  if (service !== undefined) filters.push('--filter', `label=${SERVICE_LABEL}=${service}`);
  return filters;
}
