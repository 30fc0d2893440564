// The docker argv that starts a cloudflared container: a quick tunnel to one service, or the project's named tunnel.
import { METRICS_LABEL, METRICS_PORT, PROJECT_LABEL, SERVICE_LABEL, TARGET_LABEL, TUNNEL_LABEL, tunnelContainerName } from './tunnel-labels';
import type { TunnelTarget } from './select-tunnel-target';

/** Where the token file lands inside the named tunnel's container (copied in before it starts; never on disk outside it). */
export const TOKEN_DIR = 'run/harbor';
export const TOKEN_PATH = `/${TOKEN_DIR}/tunnel-token`;
/** Where the rendered ingress file is mounted, read-only. */
export const INGRESS_MOUNT = '/etc/cloudflared/harbor-ingress.yml';

const METRICS = `0.0.0.0:${METRICS_PORT}`;

export interface QuickTunnelPlan {
  name: string;
  argv: string[];
}

/**
 * `docker run -d` of cloudflared in quick mode on the service's network. The image's entrypoint is
 * `cloudflared --no-autoupdate`; the labels carry no secret (they are visible to anyone who can run `docker ps`).
 * @example planQuickTunnel('demo', target, 'cloudflare/cloudflared:2026.8.2').argv.slice(-5) // ['tunnel', '--url', 'http://hello:8080', '--metrics', '0.0.0.0:20241']
 */
export function planQuickTunnel(project: string, target: TunnelTarget, image: string): QuickTunnelPlan {
  const name = tunnelContainerName(project, 'quick', target.service);
  const argv = [
    'docker', 'run', '-d', '--name', name, '--network', target.network,
    ...labels(project, 'quick', { [SERVICE_LABEL]: target.service, [TARGET_LABEL]: target.url }),
    image, 'tunnel', '--url', target.url, '--metrics', METRICS,
  ];
  return { name, argv };
}

/**
 * `docker create` of the named tunnel: cloudflared reads the token from a file that Harbor copies into the
 * container before it starts (`--token-file`, cloudflared 2025.4+), and its ingress from the rendered file.
 */
export function planNamedTunnel(project: string, network: string, image: string, ingressFile: string): QuickTunnelPlan {
  const name = tunnelContainerName(project, 'named');
  const argv = [
    'docker', 'create', '--name', name, '--network', network, '--restart', 'unless-stopped',
    ...labels(project, 'named', {}),
    '-v', `${ingressFile}:${INGRESS_MOUNT}:ro`,
    image, 'tunnel', '--config', INGRESS_MOUNT, '--metrics', METRICS, 'run', '--token-file', TOKEN_PATH,
  ];
  return { name, argv };
}

function labels(project: string, kind: 'quick' | 'named', extra: Record<string, string>): string[] {
  const all = { [TUNNEL_LABEL]: kind, [PROJECT_LABEL]: project, [METRICS_LABEL]: METRICS, ...extra };
  return Object.entries(all).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
}
