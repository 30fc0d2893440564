// The descriptor's `tunnels:` key: the cloudflared image, quick-tunnel timing, and the named tunnel's token and ingress.
import * as v from 'valibot';

/** cloudflared pinned by default (checked against its 2026.8.2 sources); `tunnels.image` or HARBOR_CLOUDFLARED_IMAGE changes it. */
export const DEFAULT_CLOUDFLARED_IMAGE = 'cloudflare/cloudflared:2026.8.2';

/** The env name the named tunnel's token is read from when `tunnels.named.token` is not given. */
export const DEFAULT_TOKEN_NAME = 'CLOUDFLARE_TUNNEL_TOKEN';

const envName = v.pipe(v.string(), v.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an env variable name (letters, digits, "_")'));
const port = v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be 1 to 65535'), v.maxValue(65535, 'must be 1 to 65535'));

/** One public hostname of the named tunnel and the compose service it reaches. */
export const IngressRuleSchema = v.strictObject({
  /** The public hostname (a DNS name routed to the tunnel in Cloudflare). @example 'app.example.com' */
  hostname: v.pipe(v.string(), v.regex(/^(?:\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i, 'must be a DNS name such as app.example.com')),
  /** The compose service it reaches, on the stack network. @example 'hello' */
  service: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  /** The service's port inside the stack (default: its first container port in the compose model). @example 8080 */
  port: v.optional(port),
  /** Only requests whose path matches this regular expression (cloudflared's `path`). @example '^/api/' */
  path: v.optional(v.pipe(v.string(), v.minLength(1, 'must not be empty'))),
});

export const NamedTunnelSchema = v.strictObject({
  /** The env name (from a secrets layer: a sops file is recommended) that holds the tunnel token. @example 'CLOUDFLARE_TUNNEL_TOKEN' */
  token: v.optional(envName, DEFAULT_TOKEN_NAME),
  /** Public hostnames → services, rendered by prepare into var/run/tunnels/ingress.yml. @example [{ hostname: 'app.example.com', service: 'hello' }] */
  ingress: v.optional(v.array(IngressRuleSchema), []),
});

/**
 * Cloudflare tunnels (docs/Harbor-Tunnels.md).
 * @example { named: { token: 'CLOUDFLARE_TUNNEL_TOKEN', ingress: [{ hostname: 'app.example.com', service: 'hello' }] } }
 */
export const TunnelsSchema = v.strictObject({
  /** The cloudflared image (default: cloudflare/cloudflared pinned to a checked version). @example 'cloudflare/cloudflared:2026.8.2' */
  image: v.optional(v.pipe(v.string(), v.minLength(1, 'must not be empty'))),
  /** Seconds a quick tunnel may take to get its public URL. @example 60 */
  timeout: v.optional(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1')), 60),
  /** The named tunnel (an account's tunnel, run with its token). */
  named: v.optional(NamedTunnelSchema),
});

export type TunnelsConfig = v.InferOutput<typeof TunnelsSchema>;
export type IngressRule = v.InferOutput<typeof IngressRuleSchema>;
