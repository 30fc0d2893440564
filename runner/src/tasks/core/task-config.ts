// The normalised task configuration Harbor runs: defaults applied, deprecated spellings mapped, sizes in MB.

export type NetworkMode = 'public' | 'no-network' | 'allowlist';

export interface Healthcheck {
  command: string;
  intervalSec: number;
  timeoutSec: number;
  startPeriodSec: number;
  startIntervalSec: number;
  retries: number;
}

export interface EnvironmentConfig {
  buildTimeoutSec: number;
  dockerImage?: string;
  cpus?: number;
  memoryMb?: number;
  storageMb?: number;
  gpus?: number;
  networkMode: NetworkMode;
  allowedHosts?: string[];
  env: Record<string, string>;
  healthcheck?: Healthcheck;
  workdir?: string;
  os: 'linux' | 'windows';
  tpu: boolean;
}

export interface PhaseConfig {
  timeoutSec: number | null;
  user?: string | number;
  networkMode?: NetworkMode;
}

export interface CollectHook {
  command: string;
  service: string;
  timeoutSec: number;
  user?: string | number;
}

export interface VerifierConfig extends PhaseConfig {
  timeoutSec: number;
  env: Record<string, string>;
  mode: 'shared' | 'separate';
  environment?: EnvironmentConfig;
  /** `[[verifier.collect]]`: commands run after the verifier, before teardown (snapshots, logs). */
  collect: CollectHook[];
}

export interface ArtifactConfig {
  source: string;
  destination?: string;
  exclude: string[];
  service?: string;
}

export interface StepConfig {
  name: string;
  agent: PhaseConfig;
  verifier: VerifierConfig;
  /** A number gates the `reward` key; a table gates each key it names. */
  minReward?: number | Record<string, number>;
  healthcheck?: Healthcheck;
  artifacts: ArtifactConfig[];
}

export interface TaskConfig {
  schemaVersion: string;
  /** `[task].name` (org/name), when the task has a [task] section. */
  name?: string;
  source?: string;
  metadata: Record<string, unknown>;
  agent: PhaseConfig;
  verifier: VerifierConfig;
  solutionEnv: Record<string, string>;
  environment: EnvironmentConfig;
  artifacts: ArtifactConfig[];
  steps?: StepConfig[];
  multiStepRewardStrategy: 'mean' | 'final';
}

/** One finding about a task.toml: where and what. */
export interface TaskIssue {
  /** Dotted key path; [] for the file as a whole. */
  path: (string | number)[];
  message: string;
}
