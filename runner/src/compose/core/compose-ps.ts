// Parses `docker compose ps --format json` output into the few fields Harbor uses (services, states, ports).
import * as v from 'valibot';
import { CommandError } from '../../shared/core/errors';

export interface PublishedPort {
  /** Host address the port is bound to ('' when only exposed, '0.0.0.0' or '::' for all interfaces). */
  hostIp: string;
  targetPort: number;
  /** 0 when the port is only exposed on the stack network. */
  publishedPort: number;
  protocol: string;
}

export interface ComposeContainer {
  service: string;
  name: string;
  /** running, exited, restarting, ... */
  state: string;
  /** healthy, unhealthy, starting, or '' without a healthcheck. */
  health: string;
  ports: PublishedPort[];
}

const PublisherSchema = v.object({
  URL: v.optional(v.string(), ''),
  TargetPort: v.number(),
  PublishedPort: v.optional(v.number(), 0),
  Protocol: v.optional(v.string(), 'tcp'),
});

const ContainerSchema = v.object({
  Service: v.string(),
  Name: v.optional(v.string(), ''),
  State: v.optional(v.string(), ''),
  Health: v.optional(v.string(), ''),
  Publishers: v.optional(v.nullable(v.array(PublisherSchema)), []),
});

/**
 * Compose 2.21+ prints one JSON object per line; older releases print one JSON array. Both are accepted.
 * @example parseComposePs('{"Service":"hello","State":"running","Publishers":[]}')[0].service // 'hello'
 */
export function parseComposePs(text: string): ComposeContainer[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  const records: unknown[] = [];
  try {
    if (trimmed.startsWith('[')) records.push(...(JSON.parse(trimmed) as unknown[]));
    else for (const line of trimmed.split('\n')) if (line.trim()) records.push(JSON.parse(line));
  } catch (err) {
    throw new CommandError(`docker compose ps printed output that is not JSON: ${(err as Error).message}`, {
      hint: 'Harbor needs Docker Compose v2 (`docker compose version`); upgrade it if it is older than 2.x',
    });
  }
  return records.map((record) => {
    const parsed = v.safeParse(ContainerSchema, record);
    if (!parsed.success) {
      throw new CommandError(`docker compose ps printed an unexpected record: ${parsed.issues[0].message}`, {
        hint: 'Harbor needs Docker Compose v2 (`docker compose version`)',
      });
    }
    const c = parsed.output;
    return {
      service: c.Service,
      name: c.Name,
      state: c.State,
      health: c.Health,
      ports: (c.Publishers ?? []).map((p) => ({
        hostIp: p.URL,
        targetPort: p.TargetPort,
        publishedPort: p.PublishedPort,
        protocol: p.Protocol,
      })),
    };
  });
}
