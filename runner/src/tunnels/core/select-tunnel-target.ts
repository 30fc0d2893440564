// Where a tunnel points: a service's address and container port on the stack network, read from the compose model.
import { didYouMean } from '../../shared/core/closest-names';
import { UsageError } from '../../shared/core/errors';

/** The part of compose's model (`docker compose config --format json`) a tunnel needs. */
export interface ComposeModelForTunnels {
  services?: Record<string, {
    ports?: Array<{ target?: number | string; protocol?: string }>;
    expose?: Array<string | number>;
    networks?: Record<string, unknown> | null;
    network_mode?: string;
  }>;
  networks?: Record<string, { name?: string; external?: boolean } | null>;
}

export interface TunnelTarget {
  service: string;
  /** The container port the tunnel reaches. */
  port: number;
  /** The docker network (its real name) the service and the tunnel share. */
  network: string;
  /** What cloudflared's `--url` gets: http://<service>:<port> on that network. */
  url: string;
}

/**
 * The service's container port: `port` when given (it must be one the service has, when the model lists any),
 * else the first TCP `ports[].target` (long syntax, after compose's normalisation), else the first `expose`.
 * The network: `default` when the service is on it, else its first network; its real name from the model.
 * @example selectTunnelTarget(model, 'hello') // { service: 'hello', port: 8080, network: 'demo_default', url: 'http://hello:8080' }
 */
export function selectTunnelTarget(model: ComposeModelForTunnels, service: string, port?: number): TunnelTarget {
  const services = model.services ?? {};
  const definition = services[service];
  if (!definition) {
    throw new UsageError(`no service "${service}" in the selected compose files${didYouMean(service, Object.keys(services))}`, {
      hint: 'harbor ls lists the services; name the service as the compose file does',
    });
  }
  if (definition.network_mode !== undefined && !definition.network_mode.startsWith('service:')) {
    throw new UsageError(`${service} uses network_mode "${definition.network_mode}": a tunnel can only reach a service on a stack network`);
  }
  const ports = containerPorts(definition);
  const chosen = port ?? ports[0];
  if (chosen === undefined) {
    throw new UsageError(`${service} has no port in the compose model (no ports: or expose:)`, {
      hint: `give the port it listens on inside the stack: harbor tunnel ${service} --port 8080`,
    });
  }
  const keys = Object.keys(definition.networks ?? { default: null });
  const key = keys.includes('default') ? 'default' : keys[0]!;
  const network = model.networks?.[key]?.name ?? key;
  return { service, port: chosen, network, url: `http://${service}:${chosen}` };
}

function containerPorts(definition: NonNullable<ComposeModelForTunnels['services']>[string]): number[] {
  const found: number[] = [];
  for (const p of definition.ports ?? []) {
    if (p.protocol !== undefined && p.protocol !== 'tcp') continue;
    const n = Number(p.target);
    if (Number.isInteger(n) && n > 0) found.push(n);
  }
  for (const e of definition.expose ?? []) {
    // expose entries may be ranges ("8000-8010") or carry a protocol ("53/udp"): the first TCP port only.
    const [range, protocol] = String(e).split('/');
    if (protocol !== undefined && protocol !== 'tcp') continue;
    const n = Number(range!.split('-')[0]);
    if (Number.isInteger(n) && n > 0) found.push(n);
  }
  return found;
}
