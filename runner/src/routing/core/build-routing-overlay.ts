// Builds var/run/overlays/compose.traefik.gen.yml from the compose model: Traefik labels and the provider network per routed service.
import { stringify } from 'yaml';
import { compareCodePoints } from '../../shared/core/compare-code-points';
import { DescriptorError } from '../../shared/core/errors';
import type { RoutingConfig } from '../../descriptor/core/routing-schema';
import { selectRoutedPort } from './select-routed-port';

/** Where prepare writes the overlay, relative to the home; it follows the selection's files in the -f list. */
export const ROUTING_OVERLAY_PATH = 'var/run/overlays/compose.traefik.gen.yml';
/** The overlay's top-level extension key holding each routed service's URL (read by `harbor url` and deploy). */
export const ROUTES_KEY = 'x-harbor-routes';
export const DEFAULT_NETWORK = 'traefik-public';
/** `*.localhost` resolves to this host in browsers and curl, so routes work before any DNS is set up. */
export const DEFAULT_DOMAIN = 'localhost';
const DNS_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;

/** The part of a compose model (Harbor's, or `docker compose config --format json`) routing reads. */
export interface RoutingModel {
  services?: Record<string, RoutingModelService | undefined>;
  networks?: Record<string, { name?: string } | null | undefined>;
}
interface RoutingModelService {
  ports?: ReadonlyArray<{ target?: number | string; published?: number | string; protocol?: string }>;
  expose?: ReadonlyArray<string | number>;
  networks?: Record<string, unknown> | null;
  network_mode?: string;
}

export interface RoutingInput {
  config: RoutingConfig;
  /** The compose project name: the provider network's real name is `<project>_<network>` unless the model names it. */
  project: string;
  model: RoutingModel;
  /** The stack's env (runner's, then the layers): HARBOR_TRAEFIK_DOMAIN and HARBOR_TRAEFIK_NETWORK. */
  env: Readonly<Record<string, string | undefined>>;
  /** No label may hold one of these (a domain taken from a secrets layer, say). */
  secretValues: readonly string[];
}

export interface RoutingOverlay {
  yaml: string;
  /** Service → its Traefik labels. */
  labels: Record<string, Record<string, string>>;
  /** Service → its routed URL (`https://<host><path>` with tls, else http). */
  routes: Record<string, string>;
  /** The provider network's real name (what `traefik.docker.network` says). */
  network: string;
  warnings: string[];
}

/**
 * Undefined when the proxy service is not in the model (routing applies only to a selection that runs Traefik).
 * Throws a DescriptorError naming the `routing.` key to set for a service it cannot route.
 * @example buildRoutingOverlay({ config: { ...defaults, domain: 'lan', services: ['hello'] }, project: 'demo', model, env: {}, secretValues: [] })?.labels.hello
 *   // { 'traefik.enable': 'true', 'traefik.docker.network': 'demo_traefik-public', 'traefik.http.routers.demo-hello.rule': 'Host(`hello.lan`)', ... }
 */
export function buildRoutingOverlay(input: RoutingInput): RoutingOverlay | undefined {
  const { config, model, project } = input;
  const services = model.services ?? {};
  if (services[config.proxy] === undefined) return undefined;
  if (config.certResolver !== undefined && !config.tls) {
    throw new DescriptorError('routing.certResolver: a certificate resolver needs TLS', { hint: 'set routing.tls: true, or remove routing.certResolver' });
  }
  const domain = config.domain ?? (input.env.HARBOR_TRAEFIK_DOMAIN || DEFAULT_DOMAIN);
  if (!DNS_NAME.test(domain)) {
    // Only the env can get here (the schema checks routing.domain); the value may be anything, so it is not quoted.
    throw new DescriptorError('HARBOR_TRAEFIK_DOMAIN: not a DNS name such as lan or example.com', { hint: 'fix HARBOR_TRAEFIK_DOMAIN in your env layers, or set routing.domain' });
  }
  const origin = (host: string) => `${config.tls ? 'https' : 'http'}://${host}${publicPortSuffix(config, services[config.proxy]!)}`;
  const networkKey = config.network ?? (input.env.HARBOR_TRAEFIK_NETWORK || DEFAULT_NETWORK);
  const declared = model.networks?.[networkKey];
  const network = declared?.name ?? `${project}_${networkKey}`;
  const listed = config.services === 'all' ? undefined : new Set(config.services);
  for (const name of Object.keys(config.overrides)) {
    if (listed !== undefined && !listed.has(name)) {
      throw new DescriptorError(`routing.overrides.${name}: "${name}" is not in routing.services`, { hint: `add ${name} to routing.services, or remove routing.overrides.${name}` });
    }
  }

  const warnings: string[] = [];
  const names = listed !== undefined ? [...listed] : Object.keys(services).filter((s) => s !== config.proxy);
  const labels: Record<string, Record<string, string>> = {};
  const routes: Record<string, string> = {};
  const overlayServices: Record<string, { labels?: Record<string, string>; networks: Record<string, Record<string, never>> }> = {};
  for (const name of names.sort(compareCodePoints)) {
    const service = services[name];
    if (service === undefined) {
      warnings.push(`routing.services names ${name}, which is not selected: it is not routed`);
      continue;
    }
    const override = config.overrides[name] ?? {};
    if (service.network_mode !== undefined) {
      if (listed === undefined) continue;
      throw new DescriptorError(`routing.services: ${name} uses network_mode "${service.network_mode}", so Traefik cannot reach it on ${networkKey}`, { hint: `remove ${name} from routing.services` });
    }
    const port = selectRoutedPort(name, service, override.port);
    if (port === undefined) {
      if (listed === undefined) continue;
      throw new DescriptorError(`routing.services: ${name} has no container port in its compose file (ports: or expose:)`, { hint: `set routing.overrides.${name}.port to the port it listens on` });
    }
    const host = override.host ?? `${name}.${domain}`;
    const rule = `Host(\`${host}\`)${override.path !== undefined ? ` && PathPrefix(\`${override.path}\`)` : ''}`;
    const router = `${project}-${name}`;
    const own: Record<string, string> = {
      'traefik.enable': 'true',
      'traefik.docker.network': network,
      [`traefik.http.routers.${router}.rule`]: rule,
      [`traefik.http.routers.${router}.entrypoints`]: (config.entrypoints ?? [config.tls ? 'websecure' : 'web']).join(','),
      [`traefik.http.routers.${router}.service`]: router,
      [`traefik.http.services.${router}.loadbalancer.server.port`]: String(port),
      ...(config.tls && { [`traefik.http.routers.${router}.tls`]: 'true' }),
      ...(config.certResolver !== undefined && { [`traefik.http.routers.${router}.tls.certresolver`]: config.certResolver }),
      ...(override.middlewares !== undefined && override.middlewares.length > 0 && { [`traefik.http.routers.${router}.middlewares`]: override.middlewares.join(',') }),
    };
    assertNoSecret(name, own, input.secretValues);
    labels[name] = sortKeys(own);
    routes[name] = `${origin(host)}${override.path ?? ''}`;
    overlayServices[name] = { labels: labels[name], networks: attachments(service, networkKey) };
  }
  // The proxy joins the provider network too, or it could not reach anything on it.
  overlayServices[config.proxy] = { ...overlayServices[config.proxy], networks: attachments(services[config.proxy]!, networkKey) };

  const overlay = {
    [ROUTES_KEY]: routes,
    services: Object.fromEntries(Object.entries(overlayServices).sort(([a], [b]) => compareCodePoints(a, b))),
    // Declared here only when no selected file declares it: compose then names it <project>_<network>.
    ...(declared === undefined && { networks: { [networkKey]: {} } }),
  };
  const header = [
    '# Generated by `harbor prepare` from the descriptor\'s routing: key and the compose model (docs/Harbor-Traefik.md): do not edit.',
    '',
  ].join('\n');
  return { yaml: header + stringify(overlay), labels, routes, network, warnings };
}

/**
 * The port users reach Traefik on, in printed URLs: routing.publicPort, else the proxy's one published TCP port;
 * nothing for 80 (http) or 443 (https), or when the proxy publishes none or several.
 */
function publicPortSuffix(config: RoutingConfig, proxy: RoutingModelService): string {
  const published = new Set((proxy.ports ?? []).filter((p) => (p.protocol ?? 'tcp') === 'tcp' && p.published !== undefined && p.published !== '' && Number(p.published) > 0).map((p) => Number(p.published)));
  const port = config.publicPort ?? (published.size === 1 ? [...published][0] : undefined);
  if (port === undefined || Number.isNaN(port) || port === (config.tls ? 443 : 80)) return '';
  return `:${port}`;
}

/** The service's networks as the overlay lists them: the provider network, and `default` when compose gave it that one. */
function attachments(service: RoutingModelService, networkKey: string): Record<string, Record<string, never>> {
  const current = Object.keys(service.networks ?? { default: null });
  return Object.fromEntries([...new Set([...current.filter((n) => n === 'default'), networkKey])].sort(compareCodePoints).map((n) => [n, {}]));
}

function assertNoSecret(service: string, labels: Record<string, string>, secretValues: readonly string[]): void {
  for (const [key, value] of Object.entries(labels)) {
    if (secretValues.some((secret) => secret !== '' && value.includes(secret))) {
      // The value itself is never quoted: only the key that would have carried it.
      throw new DescriptorError(`routing: the label ${key} of ${service} would hold a secret value from the env layers`, {
        hint: 'labels are visible to anyone who can run `docker inspect`: take routing.domain and hosts from a plain env layer or the descriptor',
      });
    }
  }
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareCodePoints(a, b)));
}
