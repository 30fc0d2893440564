// The compose files of a trial's environment: a base for Dockerfile/image tasks and Harbor's override (mounts, limits, network).
import type { EnvironmentConfig } from './task-config';

export interface TrialComposeInput {
  environment: EnvironmentConfig;
  /** Where the main service comes from: the task's own compose file, a build context, or a prebuilt image. */
  kind: 'compose' | 'dockerfile' | 'image';
  /** Build context (environment/ or, for a separate verifier, tests/); absolute host path. */
  context: string;
  image: string;
  /** Host folders bound to /logs/<name> (absolute host paths). */
  mounts: Readonly<Record<'agent' | 'verifier' | 'artifacts', string | undefined>>;
  /** Names of [environment].env variables; their values reach compose through its process environment only. */
  envNames: readonly string[];
}

export type ComposeFile = { services: Record<string, Record<string, unknown>> };

/**
 * The base file (undefined for a task that brings docker-compose.yaml) and the override applied last.
 * @example buildTrialCompose({ kind: 'image', image: 'alpine', ... }).base.services.main.command // ['sh', '-c', 'sleep infinity']
 */
export function buildTrialCompose(input: TrialComposeInput): { base: ComposeFile | undefined; override: ComposeFile } {
  const base: ComposeFile | undefined =
    input.kind === 'compose'
      ? undefined
      : {
          services: {
            main: {
              ...(input.kind === 'dockerfile' ? { build: { context: input.context } } : {}),
              image: input.image,
              // The main service only has to stay up: every phase runs through `exec`.
              command: ['sh', '-c', 'sleep infinity'],
              init: true,
            },
          },
        };
  const env = input.environment;
  const main: Record<string, unknown> = {
    volumes: Object.entries(input.mounts)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([name, host]) => ({ type: 'bind', source: host, target: `/logs/${name}` })),
  };
  if (input.envNames.length) main.environment = [...input.envNames];
  if (env.cpus !== undefined) main.cpus = env.cpus;
  if (env.memoryMb !== undefined) main.mem_limit = `${env.memoryMb}m`;
  if (env.networkMode === 'no-network') main.network_mode = 'none';
  return { base, override: { services: { main } } };
}

/**
 * Variables the framework sets for a task's own docker-compose.yaml, so such files work unchanged.
 * @example buildComposeVariables(...).ENV_VERIFIER_LOGS_PATH // '/logs/verifier'
 */
export function buildComposeVariables(input: TrialComposeInput): Record<string, string> {
  const env = input.environment;
  return {
    CONTEXT_DIR: input.context,
    MAIN_IMAGE_NAME: input.image,
    HOST_VERIFIER_LOGS_PATH: input.mounts.verifier ?? '',
    HOST_AGENT_LOGS_PATH: input.mounts.agent ?? '',
    HOST_ARTIFACTS_PATH: input.mounts.artifacts ?? '',
    ENV_VERIFIER_LOGS_PATH: '/logs/verifier',
    ENV_AGENT_LOGS_PATH: '/logs/agent',
    ENV_ARTIFACTS_PATH: '/logs/artifacts',
    CPUS: String(env.cpus ?? 1),
    MEMORY: `${env.memoryMb ?? 2048}M`,
  };
}
