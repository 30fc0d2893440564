// The valibot schema of task.toml (schema versions 1.0 to 1.4, read as one): its shape and the JSON Schema for editors.
import * as v from 'valibot';

/** The `[task].name` rule of the framework: `org/name`. */
export const TASK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]*\/[a-zA-Z0-9][a-zA-Z0-9._-]*$/;

/** Schema versions the framework has produced, oldest first (`version = "1.0"` is read as `schema_version`). */
export const KNOWN_SCHEMA_VERSIONS = ['1.0', '1.1', '1.2', '1.3', '1.4'] as const;

const seconds = (what: string) => v.pipe(v.number('must be a number of seconds'), v.minValue(0, 'must be 0 or more'), v.description(what));
const env = (what: string) => v.pipe(v.record(v.string(), v.string('env values are strings: quote them')), v.description(what));
const user = v.pipe(v.union([v.string(), v.pipe(v.number(), v.integer())], 'must be a user name or a numeric uid'), v.description('Run as this user (name or uid); default: the image USER.'));
const networkMode = v.pipe(
  v.picklist(['public', 'no-network', 'allowlist'], 'must be "public", "no-network" or "allowlist"'),
  v.description('Network access: public, no-network (no interface but loopback) or allowlist (egress limited to allowed_hosts).'),
);
const allowedHosts = v.pipe(v.array(v.string()), v.description('Hostnames, *.suffix, IP literals or CIDRs reachable with network_mode = "allowlist".'));

/** `[environment].healthcheck` (and `[steps.healthcheck]`), Docker HEALTHCHECK style. */
export const HealthcheckSchema = v.looseObject({
  command: v.pipe(v.string('healthcheck needs a command (a shell command run in the main service)'), v.minLength(1, 'must not be empty')),
  interval_sec: v.optional(seconds('Seconds between tries (default 5).')),
  timeout_sec: v.optional(seconds('Seconds one try may take (default 30).')),
  start_period_sec: v.optional(seconds('Grace period in which failures do not count (default 0).')),
  start_interval_sec: v.optional(seconds('Seconds between tries during the start period (default 5).')),
  retries: v.optional(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0), v.description('Failures (after the start period) before giving up (default 3).'))),
});

const McpServerSchema = v.looseObject({
  name: v.string(),
  transport: v.optional(v.picklist(['sse', 'streamable-http', 'http', 'stdio'], 'must be "sse", "streamable-http" or "stdio"')),
  url: v.optional(v.string()),
  command: v.optional(v.string()),
  args: v.optional(v.array(v.string())),
  headers: v.optional(v.record(v.string(), v.string())),
  env: v.optional(v.record(v.string(), v.string())),
});

/** `[environment]` and `[verifier.environment]`. */
export const EnvironmentSchema = v.looseObject({
  build_timeout_sec: v.optional(seconds('Bounds building and starting the environment (default 600).')),
  docker_image: v.optional(v.pipe(v.string(), v.minLength(1), v.description('A prebuilt image for the main service instead of environment/Dockerfile.'))),
  cpus: v.optional(v.pipe(v.number('must be a number'), v.gtValue(0, 'must be more than 0'), v.description('CPUs for the main service.'))),
  memory: v.optional(v.pipe(v.unknown(), v.description('Deprecated: "2G", "512M" or "1024K"; use memory_mb.'))),
  memory_mb: v.optional(v.pipe(v.number(), v.integer('must be a whole number of MB'), v.minValue(1), v.description('Memory limit in MB.'))),
  storage: v.optional(v.pipe(v.unknown(), v.description('Deprecated: "10G"; use storage_mb.'))),
  storage_mb: v.optional(v.pipe(v.number(), v.integer('must be a whole number of MB'), v.minValue(1), v.description('Storage in MB (not enforced by local Docker).'))),
  gpus: v.optional(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0), v.description('GPUs (local Docker: only 0).'))),
  gpu_types: v.optional(v.array(v.string())),
  allow_internet: v.optional(v.pipe(v.boolean(), v.description('Deprecated: true = network_mode "public", false = "no-network".'))),
  network_mode: v.optional(networkMode),
  allowed_hosts: v.optional(allowedHosts),
  env: v.optional(env('Startup environment of the container; ${VAR} and ${VAR:-default} come from the host.')),
  mcp_servers: v.optional(v.array(McpServerSchema)),
  skills_dir: v.optional(v.string()),
  healthcheck: v.optional(HealthcheckSchema),
  workdir: v.optional(v.pipe(v.string(), v.minLength(1), v.description('Working directory of every exec (default: the image WORKDIR).'))),
  os: v.optional(v.pipe(v.string(), v.description('"linux" (default) or "windows".'))),
  tpu: v.optional(v.looseObject({ type: v.string(), topology: v.optional(v.string()) })),
});

const AgentSchema = v.looseObject({
  timeout_sec: v.optional(seconds('Seconds solve.sh (or the agent) may run; absent = no limit.')),
  user: v.optional(user),
  network_mode: v.optional(networkMode),
  allowed_hosts: v.optional(allowedHosts),
});

const CollectSchema = v.looseObject({
  command: v.string(),
  service: v.optional(v.string()),
  timeout_sec: v.optional(seconds('Seconds the command may take (default 60).')),
  user: v.optional(user),
});

const verifierEntries = {
  timeout_sec: v.optional(seconds('Seconds tests/test.sh may run (default 600).')),
  env: v.optional(env('Environment of test.sh; ${VAR} and ${VAR:-default} are resolved from the host.')),
  user: v.optional(user),
  network_mode: v.optional(networkMode),
  allowed_hosts: v.optional(allowedHosts),
};

const VerifierSchema = v.looseObject({
  ...verifierEntries,
  environment_mode: v.optional(v.picklist(['shared', 'separate'], 'must be "shared" or "separate"')),
  environment: v.optional(EnvironmentSchema),
  collect: v.optional(v.array(CollectSchema)),
});

/** An artifact: a path in the container, collected after verification into the trial's artifacts/. */
export const ArtifactSchema = v.union(
  [
    v.pipe(v.string(), v.minLength(1)),
    v.looseObject({
      source: v.pipe(v.string(), v.minLength(1)),
      destination: v.optional(v.string()),
      exclude: v.optional(v.array(v.string())),
      service: v.optional(v.string()),
    }),
  ],
  'must be a path or a table {source, destination?, exclude?, service?}',
);

const minReward = v.union([v.number(), v.record(v.string(), v.number())], 'must be a number or a table of numbers per reward key');

const StepSchema = v.looseObject({
  name: v.pipe(v.string('each [[steps]] needs a name (its folder under steps/)'), v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'step names use letters, digits, ".", "_" and "-"')),
  agent: v.optional(AgentSchema),
  verifier: v.optional(v.looseObject(verifierEntries)),
  min_reward: v.optional(minReward),
  healthcheck: v.optional(HealthcheckSchema),
  artifacts: v.optional(v.array(ArtifactSchema)),
});

const TaskSectionSchema = v.looseObject({
  name: v.pipe(v.string('[task] needs name = "org/name"'), v.regex(TASK_NAME, 'must be "org/name" (letters, digits, ".", "_", "-"; each part starting with a letter or digit)')),
  description: v.optional(v.string()),
  authors: v.optional(v.array(v.looseObject({ name: v.string(), email: v.optional(v.string()) }))),
  keywords: v.optional(v.array(v.string())),
  version: v.optional(v.pipe(v.string(), v.minLength(1, 'must not be empty'))),
});

/**
 * The whole file. Tables are loose: the framework ignores unknown keys, Harbor warns about them.
 * @example { schema_version: '1.4', task: { name: 'acme/hello' }, verifier: { timeout_sec: 120 } }
 */
export const TaskTomlSchema = v.looseObject({
  version: v.optional(v.pipe(v.string('must be a string such as "1.0"'), v.description('Old spelling of schema_version.'))),
  schema_version: v.optional(v.pipe(v.string('must be a string such as "1.4"'), v.description('Which format the author wrote: "1.0" to "1.4". Informational.'))),
  source: v.optional(v.string()),
  metadata: v.optional(v.record(v.string(), v.unknown())),
  task: v.optional(TaskSectionSchema),
  agent: v.optional(AgentSchema),
  verifier: v.optional(VerifierSchema),
  solution: v.optional(v.looseObject({ env: v.optional(env('Environment of solution/solve.sh (oracle only).')) })),
  environment: v.optional(EnvironmentSchema),
  artifacts: v.optional(v.array(ArtifactSchema)),
  multi_step_reward_strategy: v.optional(v.picklist(['mean', 'final'], 'must be "mean" or "final"')),
  steps: v.optional(v.pipe(v.array(StepSchema), v.minLength(1, 'a [[steps]] list needs at least one step'))),
});

export type TaskToml = v.InferOutput<typeof TaskTomlSchema>;
export type EnvironmentToml = v.InferOutput<typeof EnvironmentSchema>;
export type HealthcheckToml = v.InferOutput<typeof HealthcheckSchema>;
export type ArtifactToml = v.InferOutput<typeof ArtifactSchema>;
