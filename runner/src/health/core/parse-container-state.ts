// Parses `docker inspect` of a stack's containers into what a health report needs: state, exit code, healthcheck log.
import * as v from 'valibot';
import { CommandError } from '../../shared/core/errors';

export interface HealthProbe {
  exitCode: number;
  output: string;
}

export interface ContainerState {
  /** The container's name, without docker's leading `/`. */
  name: string;
  /** The compose service (label com.docker.compose.service), '' for a container compose did not make. */
  service: string;
  /** created, running, restarting, exited, dead, paused. */
  status: string;
  exitCode: number;
  oomKilled: boolean;
  /** healthy, unhealthy, starting, or '' without a healthcheck. */
  health: string;
  /** The healthcheck's recent runs, oldest first (docker keeps the last five). */
  probes: HealthProbe[];
}

const InspectSchema = v.object({
  Name: v.string(),
  State: v.object({
    Status: v.string(),
    ExitCode: v.optional(v.number(), 0),
    OOMKilled: v.optional(v.boolean(), false),
    Health: v.optional(v.nullable(v.object({
      Status: v.string(),
      Log: v.optional(v.nullable(v.array(v.object({ ExitCode: v.number(), Output: v.optional(v.string(), '') }))), []),
    }))),
  }),
  Config: v.object({ Labels: v.optional(v.nullable(v.record(v.string(), v.string())), {}) }),
});

/**
 * @example parseContainerStates('[{"Name":"/p-hello-1","State":{"Status":"exited","ExitCode":3},"Config":{"Labels":{}}}]')[0].exitCode // 3
 */
export function parseContainerStates(text: string): ContainerState[] {
  let records: unknown;
  try {
    records = JSON.parse(text);
  } catch (err) {
    throw new CommandError(`docker inspect printed output that is not JSON: ${(err as Error).message}`, { hint: 'run `docker inspect CONTAINER` to see what the engine answers' });
  }
  const parsed = v.safeParse(v.array(InspectSchema), records);
  if (!parsed.success) throw new CommandError(`docker inspect printed an unexpected record: ${parsed.issues[0].message}`, { hint: 'Harbor needs Docker Engine 20.10 or later' });
  return parsed.output.map((c) => ({
    name: c.Name.replace(/^\//, ''),
    service: c.Config.Labels?.['com.docker.compose.service'] ?? '',
    status: c.State.Status,
    exitCode: c.State.ExitCode,
    oomKilled: c.State.OOMKilled,
    health: c.State.Health?.Status ?? '',
    probes: (c.State.Health?.Log ?? []).map((p) => ({ exitCode: p.ExitCode, output: p.Output })),
  }));
}
