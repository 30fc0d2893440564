// The descriptor's `routing:` key: Traefik routing by a generated overlay (var/run/overlays/compose.traefik.gen.yml).
import * as v from 'valibot';

const DNS = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;
const nonEmpty = v.pipe(v.string(), v.minLength(1, 'must not be empty'));
const dnsName = v.pipe(v.string(), v.regex(DNS, 'must be a DNS name such as lan or example.com'));
const port = v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be 1 to 65535'), v.maxValue(65535, 'must be 1 to 65535'));
/** Traefik names (entrypoints, middlewares, resolvers): letters, digits, "-", "_", and an optional @provider. */
const traefikName = v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9_-]*(@[a-z]+)?$/, 'must be a Traefik name: letters, digits, "-" and "_" (with an optional @provider)'));

/** What one routed service changes from the defaults. */
export const RoutedServiceSchema = v.strictObject({
  /** The whole host name (default: `<service>.<domain>`). @example 'chat.lan' */
  host: v.optional(dnsName),
  /** Only requests under this path prefix (Traefik's `PathPrefix`). @example '/api' */
  path: v.optional(v.pipe(v.string(), v.regex(/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/, 'must be a URL path starting with / (no backticks, spaces or query)'))),
  /** Traefik middlewares to apply, by name (defined in Traefik's own config or other labels). @example ['auth@file'] */
  middlewares: v.optional(v.array(traefikName)),
  /** The container port Traefik sends requests to (needed when the service has several). @example 8080 */
  port: v.optional(port),
});

/**
 * Traefik routing by a generated overlay (docs/Harbor-Traefik.md). Applies when the `proxy` service is selected.
 * @example { domain: 'lan', services: ['hello', 'greeter'], overrides: { greeter: { path: '/greet' } } }
 */
export const RoutingSchema = v.strictObject({
  /** The compose service that runs Traefik; the overlay is generated only when it is selected. @example 'traefik' */
  proxy: v.optional(nonEmpty, 'traefik'),
  /** The domain services are reached under (`<service>.<domain>`); default: HARBOR_TRAEFIK_DOMAIN from the env, else localhost. @example 'lan' */
  domain: v.optional(dnsName),
  /** The compose network Traefik reaches services on (default: HARBOR_TRAEFIK_NETWORK, else traefik-public). @example 'traefik-public' */
  network: v.optional(v.pipe(v.string(), v.regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'must be a compose network name'))),
  /** Traefik entrypoints of every router (default: [websecure] with tls, else [web]). @example ['web'] */
  entrypoints: v.optional(v.pipe(v.array(traefikName), v.minLength(1, 'must name at least one entrypoint'))),
  /** Serve the routers over TLS (URLs are https). @example true */
  tls: v.optional(v.boolean(), false),
  /** The certificate resolver (Traefik's static `certificatesResolvers`) for TLS routers. @example 'letsencrypt' */
  certResolver: v.optional(traefikName),
  /** The port users reach Traefik on, for printed URLs (default: the proxy's one published port; none shown for 80/443). @example 8443 */
  publicPort: v.optional(port),
  /** `all` (every selected service with a port, but the proxy) or a list of services. @example ['hello', 'greeter'] */
  services: v.optional(v.union([v.literal('all'), v.array(nonEmpty)], 'must be "all" or a list of service names'), 'all'),
  /** Per-service changes: host, path, middlewares, port. @example { greeter: { path: '/greet', port: 80 } } */
  overrides: v.optional(v.record(nonEmpty, RoutedServiceSchema), {}),
});

export type RoutingConfig = v.InferOutput<typeof RoutingSchema>;
export type RoutedServiceConfig = v.InferOutput<typeof RoutedServiceSchema>;
