// The container port Traefik sends a service's requests to, from its compose model's ports and expose entries.
import { DescriptorError } from '../../shared/core/errors';

interface PortedService {
  ports?: ReadonlyArray<{ target?: number | string; protocol?: string }>;
  expose?: ReadonlyArray<string | number>;
}

/**
 * The descriptor's port when given; else the one TCP container port the model has (long-syntax `target`, never a
 * published-port string: `${VAR:-29350}:8080` is target 8080); undefined when it has none; an error when several.
 * Traefik itself would take the lowest port the container exposes (image EXPOSE included, which the model cannot
 * see), so Harbor asks instead of guessing.
 * @example selectRoutedPort('web', { ports: [{ target: 8080, protocol: 'tcp' }] }, undefined) // 8080
 */
export function selectRoutedPort(name: string, service: PortedService, port: number | undefined): number | undefined {
  if (port !== undefined) return port;
  const found = new Set<number>();
  for (const p of service.ports ?? []) {
    if ((p.protocol ?? 'tcp') !== 'tcp' || p.target === undefined) continue;
    found.add(Number(p.target));
  }
  for (const e of service.expose ?? []) {
    const match = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp))?$/.exec(String(e));
    if (match === null || match[3] === 'udp') continue;
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    for (let n = from; n <= to && n - from < 2; n++) found.add(n);
  }
  const ports = [...found].sort((a, b) => a - b);
  if (ports.length > 1) {
    throw new DescriptorError(`routing: ${name} has several container ports (${ports.join(', ')}): Harbor cannot tell which one serves HTTP`, {
      hint: `set routing.overrides.${name}.port to one of ${ports.join(', ')}`,
    });
  }
  return ports[0];
}
