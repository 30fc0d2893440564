// Works out a service's URL from its containers' ports: published on the host, or internal on the stack network.
import { HarborError } from '../../shared/core/errors';
import { compareCodePoints } from '../../shared/core/compare-code-points';
import type { ComposeContainer, PublishedPort } from './compose-ps';

export interface ServiceUrl {
  service: string;
  url: string;
  /** The Traefik URL when the routing overlay routes the service (mergeRoutedUrls). */
  routed?: string;
}

/**
 * The URL `harbor url` prints. Published: http://localhost:PORT (or the bound address when it is not a
 * wildcard or loopback), from the service's lowest TCP target port. Internal: http://<service>:<target port>,
 * how other containers on the stack network reach it.
 */
export function selectServiceUrl(containers: readonly ComposeContainer[], service: string, internal: boolean): string {
  const own = containers.filter((c) => c.service === service && c.state === 'running');
  if (own.length === 0) {
    throw new HarborError(`service "${service}" is not running`, { code: 'NOT_RUNNING', hint: `start it with \`harbor up ${service}\`` });
  }
  const tcp = own.flatMap((c) => c.ports).filter((p) => p.protocol === 'tcp');
  if (internal) {
    const port = lowestTarget(tcp);
    if (port) return `http://${service}:${port.targetPort}`;
    throw new HarborError(`service "${service}" exposes no TCP port`, {
      code: 'NO_PORT',
      hint: 'add `expose:` or `ports:` to the service in its compose file',
    });
  }
  const port = lowestTarget(tcp.filter((p) => p.publishedPort > 0));
  if (port) return `http://${hostFor(port)}:${port.publishedPort}`;
  const exposed = lowestTarget(tcp);
  throw new HarborError(`service "${service}" publishes no port on the host`, {
    code: 'NO_PORT',
    hint: exposed
      ? `other containers reach it at http://${service}:${exposed.targetPort} (\`harbor url -i ${service}\`)`
      : 'add `ports:` to the service in its compose file',
  });
}

/** One published URL per running service that has one, sorted by service name (what deploy prints at the end). */
export function buildServiceUrls(containers: readonly ComposeContainer[]): ServiceUrl[] {
  const services = [...new Set(containers.filter((c) => c.state === 'running').map((c) => c.service))].sort(compareCodePoints);
  const urls: ServiceUrl[] = [];
  for (const service of services) {
    const ports = containers
      .filter((c) => c.service === service && c.state === 'running')
      .flatMap((c) => c.ports)
      .filter((p) => p.protocol === 'tcp' && p.publishedPort > 0);
    const port = lowestTarget(ports);
    if (port) urls.push({ service, url: `http://${hostFor(port)}:${port.publishedPort}` });
  }
  return urls;
}

function lowestTarget(ports: readonly PublishedPort[]): PublishedPort | undefined {
  // IPv4 before IPv6 for the same target: docker lists both for a wildcard binding.
  return [...ports].sort((a, b) => a.targetPort - b.targetPort || Number(a.hostIp.includes(':')) - Number(b.hostIp.includes(':')))[0];
}

function hostFor(port: PublishedPort): string {
  const ip = port.hostIp;
  if (ip === '' || ip === '0.0.0.0' || ip === '::' || ip === '127.0.0.1' || ip === '::1') return 'localhost';
  return ip.includes(':') ? `[${ip}]` : ip;
}
