// Turns a schema-valid task.toml into a TaskConfig with the framework's rules: defaults, size strings, network aliases, conflicts.
import { checkAllowedHost } from './check-allowed-host';
import { parseSizeMb } from './parse-size';
import type { ArtifactConfig, EnvironmentConfig, Healthcheck, NetworkMode, PhaseConfig, StepConfig, TaskConfig, TaskIssue, VerifierConfig } from './task-config';
import { KNOWN_SCHEMA_VERSIONS, type ArtifactToml, type EnvironmentToml, type HealthcheckToml, type TaskToml } from './task-toml-schema';

export interface BuiltTaskConfig {
  config: TaskConfig | undefined;
  errors: TaskIssue[];
  warnings: TaskIssue[];
}

/** The framework's current defaults (0.20+): no agent timeout, 600 s verifier and build. */
export const DEFAULTS = { buildTimeoutSec: 600, verifierTimeoutSec: 600, agentTimeoutSec: null } as const;

/**
 * @example buildTaskConfig({ version: '1.0', environment: { memory: '2G' } }).config?.environment.memoryMb // 2048
 */
export function buildTaskConfig(toml: TaskToml): BuiltTaskConfig {
  const errors: TaskIssue[] = [];
  const warnings: TaskIssue[] = [];
  // `version` is renamed to schema_version on load; an explicit schema_version wins (setdefault).
  const schemaVersion = toml.schema_version ?? toml.version ?? '1.4';
  if (!(KNOWN_SCHEMA_VERSIONS as readonly string[]).includes(schemaVersion)) {
    warnings.push({ path: [toml.schema_version !== undefined ? 'schema_version' : 'version'], message: `schema version "${schemaVersion}" is not one Harbor knows (${KNOWN_SCHEMA_VERSIONS.join(', ')}); the file is read as the newest` });
  }
  if (toml.task?.name?.includes('..')) errors.push({ path: ['task', 'name'], message: 'must not contain ".."' });

  const environment = buildEnvironment(toml.environment ?? {}, ['environment'], errors, warnings);
  const agent = buildPhase(toml.agent ?? {}, DEFAULTS.agentTimeoutSec, ['agent'], errors);
  const verifier = buildVerifier(toml, errors, warnings);
  const artifacts = (toml.artifacts ?? []).map((a, i) => buildArtifact(a, ['artifacts', i], errors));
  const steps = toml.steps?.map((step, i): StepConfig => {
    const at = ['steps', i];
    return {
      name: step.name,
      agent: { ...agent, ...definedOnly(buildPhase(step.agent ?? {}, agent.timeoutSec, [...at, 'agent'], errors)) },
      verifier: { ...verifier, ...definedOnly(buildPhase(step.verifier ?? {}, verifier.timeoutSec, [...at, 'verifier'], errors)), env: { ...verifier.env, ...step.verifier?.env } } as VerifierConfig,
      minReward: step.min_reward,
      healthcheck: step.healthcheck && buildHealthcheck(step.healthcheck),
      artifacts: (step.artifacts ?? []).map((a, j) => buildArtifact(a, [...at, 'artifacts', j], errors)),
    };
  });
  if (steps) {
    const seen = new Set<string>();
    steps.forEach((s, i) => {
      if (seen.has(s.name)) errors.push({ path: ['steps', i, 'name'], message: `step "${s.name}" is defined twice` });
      seen.add(s.name);
    });
  } else if (toml.multi_step_reward_strategy !== undefined) {
    warnings.push({ path: ['multi_step_reward_strategy'], message: 'has no effect without [[steps]]' });
  }

  const config: TaskConfig = {
    schemaVersion,
    name: toml.task?.name,
    source: toml.source,
    metadata: toml.metadata ?? {},
    agent,
    verifier,
    solutionEnv: toml.solution?.env ?? {},
    environment,
    artifacts,
    steps,
    multiStepRewardStrategy: toml.multi_step_reward_strategy ?? 'mean',
  };
  return { config: errors.length ? undefined : config, errors, warnings };
}

function buildVerifier(toml: TaskToml, errors: TaskIssue[], warnings: TaskIssue[]): VerifierConfig {
  const section = toml.verifier ?? {};
  const phase = buildPhase(section, DEFAULTS.verifierTimeoutSec, ['verifier'], errors);
  if (section.environment_mode === 'shared' && section.environment) {
    errors.push({ path: ['verifier', 'environment_mode'], message: '"shared" cannot be used with a [verifier.environment] table (that table means a separate verifier environment)' });
  }
  if (section.environment_mode === 'separate' && !section.environment) {
    errors.push({ path: ['verifier', 'environment_mode'], message: '"separate" needs a [verifier.environment] table' });
  }
  const environment = section.environment ? buildEnvironment(section.environment, ['verifier', 'environment'], errors, warnings) : undefined;
  return {
    ...phase,
    timeoutSec: phase.timeoutSec ?? DEFAULTS.verifierTimeoutSec,
    env: section.env ?? {},
    mode: section.environment ? 'separate' : 'shared',
    environment,
    collect: (section.collect ?? []).map((c) => ({ command: c.command, service: c.service ?? 'main', timeoutSec: c.timeout_sec ?? 60, user: c.user })),
  };
}

function buildPhase(section: { timeout_sec?: number; user?: string | number; network_mode?: NetworkMode; allowed_hosts?: string[] }, timeout: number | null, at: (string | number)[], errors: TaskIssue[]): PhaseConfig {
  checkAllowlist(section.network_mode, section.allowed_hosts, at, errors);
  return { timeoutSec: section.timeout_sec ?? timeout, user: section.user, networkMode: section.network_mode };
}

function buildEnvironment(section: EnvironmentToml, at: (string | number)[], errors: TaskIssue[], warnings: TaskIssue[]): EnvironmentConfig {
  const memoryMb = sizeMb(section, 'memory', at, errors, warnings);
  const storageMb = sizeMb(section, 'storage', at, errors, warnings);
  let networkMode: NetworkMode = section.network_mode ?? 'public';
  if (section.allow_internet !== undefined) {
    warnings.push({ path: [...at, 'allow_internet'], message: `is deprecated: use network_mode = "${section.allow_internet ? 'public' : 'no-network'}"${section.network_mode ? ' (network_mode is set and wins)' : ''}` });
    if (section.network_mode === undefined) networkMode = section.allow_internet ? 'public' : 'no-network';
  }
  checkAllowlist(networkMode, section.allowed_hosts, at, errors);
  const os = (section.os ?? 'linux').toLowerCase();
  if (os !== 'linux' && os !== 'windows') errors.push({ path: [...at, 'os'], message: `must be "linux" or "windows", not "${section.os}"` });
  return {
    buildTimeoutSec: section.build_timeout_sec ?? DEFAULTS.buildTimeoutSec,
    dockerImage: section.docker_image,
    cpus: section.cpus,
    memoryMb,
    storageMb,
    gpus: section.gpus,
    networkMode,
    allowedHosts: section.allowed_hosts?.map((h) => h.toLowerCase().replace(/\.$/, '')),
    env: section.env ?? {},
    healthcheck: section.healthcheck && buildHealthcheck(section.healthcheck),
    workdir: section.workdir,
    os: os === 'windows' ? 'windows' : 'linux',
    tpu: section.tpu !== undefined,
  };
}

/** `memory = "2G"` next to `memory_mb`: both must agree; a non-string `memory` is dropped, as the framework does. */
function sizeMb(section: EnvironmentToml, key: 'memory' | 'storage', at: (string | number)[], errors: TaskIssue[], warnings: TaskIssue[]): number | undefined {
  const mbKey = `${key}_mb` as const;
  const mb = section[mbKey];
  const text = section[key];
  if (text === undefined) return mb;
  if (typeof text !== 'string') {
    warnings.push({ path: [...at, key], message: `is not a string and is ignored (write ${mbKey} = <MB>)` });
    return mb;
  }
  const parsed = parseSizeMb(text);
  if (parsed === undefined) {
    errors.push({ path: [...at, key], message: `"${text}" is not a size: write a number with G, M or K ("2G", "512M"), or use ${mbKey}` });
    return mb;
  }
  warnings.push({ path: [...at, key], message: `is deprecated: write ${mbKey} = ${parsed}` });
  if (mb !== undefined && mb !== parsed) {
    errors.push({ path: [...at, mbKey], message: `${key} = "${text}" (${parsed} MB) and ${mbKey} = ${mb} disagree: keep only ${mbKey}` });
  }
  return mb ?? parsed;
}

function checkAllowlist(mode: NetworkMode | undefined, hosts: string[] | undefined, at: (string | number)[], errors: TaskIssue[]): void {
  if (hosts === undefined) return;
  if (mode !== 'allowlist') {
    errors.push({ path: [...at, 'allowed_hosts'], message: `is only valid with network_mode = "allowlist" (here: ${mode === undefined ? 'not set' : `"${mode}"`})` });
    return;
  }
  hosts.forEach((host, i) => {
    const problem = checkAllowedHost(host);
    if (problem) errors.push({ path: [...at, 'allowed_hosts', i], message: problem });
  });
}

function buildHealthcheck(h: HealthcheckToml): Healthcheck {
  return {
    command: h.command,
    intervalSec: h.interval_sec ?? 5,
    timeoutSec: h.timeout_sec ?? 30,
    startPeriodSec: h.start_period_sec ?? 0,
    startIntervalSec: h.start_interval_sec ?? 5,
    retries: h.retries ?? 3,
  };
}

function buildArtifact(a: ArtifactToml, at: (string | number)[], errors: TaskIssue[]): ArtifactConfig {
  const artifact: ArtifactConfig = typeof a === 'string' ? { source: a, exclude: [] } : { source: a.source, destination: a.destination, exclude: a.exclude ?? [], service: a.service };
  if (artifact.source.split(/[\\/]/).includes('..')) errors.push({ path: at, message: `source "${artifact.source}" must not contain ".."` });
  const dest = artifact.destination;
  if (dest !== undefined) {
    if (dest.startsWith('/') || /^[A-Za-z]:/.test(dest)) errors.push({ path: [...at, 'destination'], message: 'must be a relative path' });
    if (dest.includes('\\')) errors.push({ path: [...at, 'destination'], message: 'must use "/", not backslashes' });
    if (dest === 'manifest.json') errors.push({ path: [...at, 'destination'], message: 'manifest.json is written by Harbor: choose another name' });
    if (dest.split('/').includes('..')) errors.push({ path: [...at, 'destination'], message: 'must not contain ".."' });
  }
  if (artifact.service !== undefined && artifact.service !== 'main' && !artifact.source.startsWith('/')) {
    errors.push({ path: [...at, 'source'], message: `an artifact from service "${artifact.service}" needs an absolute source path` });
  }
  return artifact;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
