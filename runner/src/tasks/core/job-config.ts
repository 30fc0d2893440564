// config.json of a job (JobConfig) and of each trial (TrialConfig), with the framework's field names and defaults.
import { buildRetryConfig, type RetrySettings } from './retry-policy';

export interface JobSettings {
  jobName: string;
  jobsDir: string;
  nAttempts: number;
  nConcurrent: number;
  timeoutMultiplier: number;
  agent: 'oracle' | 'nop';
  disableVerification: boolean;
  include: string[];
  exclude: string[];
  taskDirs: string[];
  retry: RetrySettings;
}

const agentConfig = (agent: string) => ({ name: agent, import_path: null, model_name: null, override_timeout_sec: null, override_setup_timeout_sec: null, max_timeout_sec: null, kwargs: {}, env: {} });
const environmentConfig = { type: 'docker', import_path: null, force_build: false, delete: true, override_cpus: null, override_memory_mb: null, override_storage_mb: null, override_gpus: null, kwargs: {}, env: {} };
const verifierConfig = (disable: boolean) => ({ override_timeout_sec: null, max_timeout_sec: null, env: {}, disable });
const taskConfig = (path: string) => ({ path, git_url: null, git_commit_id: null, name: null, ref: null, overwrite: false, download_dir: null, source: null });

export function buildJobConfig(s: JobSettings): Record<string, unknown> {
  return {
    job_name: s.jobName,
    jobs_dir: s.jobsDir,
    n_attempts: s.nAttempts,
    timeout_multiplier: s.timeoutMultiplier,
    agent_timeout_multiplier: null,
    verifier_timeout_multiplier: null,
    agent_setup_timeout_multiplier: null,
    environment_build_timeout_multiplier: null,
    debug: false,
    n_concurrent_trials: s.nConcurrent,
    quiet: false,
    retry: buildRetryConfig(s.retry),
    environment: environmentConfig,
    verifier: verifierConfig(s.disableVerification),
    metrics: [],
    agents: [agentConfig(s.agent)],
    datasets: [],
    tasks: s.taskDirs.map(taskConfig),
    artifacts: [],
  };
}

export function buildTrialConfig(s: JobSettings, taskDir: string, trialName: string, jobId: string): Record<string, unknown> {
  return {
    task: taskConfig(taskDir),
    trial_name: trialName,
    trials_dir: `${s.jobsDir}/${s.jobName}`,
    timeout_multiplier: s.timeoutMultiplier,
    agent_timeout_multiplier: null,
    verifier_timeout_multiplier: null,
    agent_setup_timeout_multiplier: null,
    environment_build_timeout_multiplier: null,
    agent: agentConfig(s.agent),
    environment: environmentConfig,
    verifier: verifierConfig(s.disableVerification),
    artifacts: [],
    job_id: jobId,
  };
}
