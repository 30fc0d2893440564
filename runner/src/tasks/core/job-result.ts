// The job result.json (JobResult): counts, the mean reward and reward/exception stats, as the framework aggregates them.
import { formatPyFloat, type TrialResultJson } from './trial-result';

export interface EvalStats {
  n_trials: number;
  n_errors: number;
  metrics: { mean: number }[];
  pass_at_k: Record<string, number>;
  reward_stats: Record<string, Record<string, string[]>>;
  exception_stats: Record<string, string[]>;
}

export interface JobStats {
  n_trials: number;
  n_errors: number;
  n_completed_trials: number;
  n_errored_trials: number;
  n_running_trials: number;
  n_pending_trials: number;
  n_cancelled_trials: number;
  n_retries: number;
  n_input_tokens: null;
  n_cache_tokens: null;
  n_output_tokens: null;
  cost_usd: null;
  evals: Record<string, EvalStats>;
}

export interface JobResultJson {
  id: string;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
  n_total_trials: number;
  stats: JobStats;
  trial_results: TrialResultJson[];
}

export interface JobProgress {
  total: number;
  running: number;
  cancelled: number;
  /** Retries the job made (errored trials run again). */
  retries: number;
}

/**
 * The evals key is `<agent>__adhoc` for local task paths. A trial without a verifier result counts as 0 in
 * the mean, as do missing keys (aggregate_reward_dicts).
 * @example buildJobStats([trial with reward 1, trial errored], 'oracle', ...).evals.oracle__adhoc.metrics // [{ mean: 0.5 }]
 */
export function buildJobStats(trials: readonly TrialResultJson[], agent: string, progress: JobProgress): JobStats {
  const errored = trials.filter((t) => t.exception_info !== null);
  const rewardStats: Record<string, Record<string, string[]>> = {};
  const exceptionStats: Record<string, string[]> = {};
  for (const t of trials) {
    for (const [key, value] of Object.entries(t.verifier_result?.rewards ?? {})) {
      ((rewardStats[key] ??= {})[formatPyFloat(value)] ??= []).push(t.trial_name);
    }
    if (t.exception_info) (exceptionStats[t.exception_info.exception_type] ??= []).push(t.trial_name);
  }
  const mean = trials.length === 0 ? 0 : trials.reduce((sum, t) => sum + (t.verifier_result?.rewards.reward ?? 0), 0) / trials.length;
  return {
    n_trials: trials.length,
    n_errors: errored.length,
    n_completed_trials: trials.length,
    n_errored_trials: errored.length,
    n_running_trials: progress.running,
    n_pending_trials: Math.max(0, progress.total - trials.length - progress.running - progress.cancelled),
    n_cancelled_trials: progress.cancelled,
    n_retries: progress.retries,
    n_input_tokens: null,
    n_cache_tokens: null,
    n_output_tokens: null,
    cost_usd: null,
    evals: {
      [`${agent}__adhoc`]: {
        n_trials: trials.length,
        n_errors: errored.length,
        metrics: [{ mean }],
        pass_at_k: buildPassAtK(trials),
        reward_stats: rewardStats,
        exception_stats: exceptionStats,
      },
    },
  };
}

/**
 * pass@k over tasks with the unbiased estimator 1 - C(n-c, k)/C(n, k) (c = attempts with reward >= 1), for k
 * = 2, 4, 8... up to the fewest attempts any task had; empty with one attempt per task.
 */
export function buildPassAtK(trials: readonly TrialResultJson[]): Record<string, number> {
  const byTask = new Map<string, number[]>();
  for (const t of trials) {
    const list = byTask.get(t.task_name) ?? [];
    list.push(t.verifier_result?.rewards.reward ?? 0);
    byTask.set(t.task_name, list);
  }
  if (byTask.size === 0) return {};
  const fewest = Math.min(...[...byTask.values()].map((l) => l.length));
  const out: Record<string, number> = {};
  for (let k = 2; k <= fewest; k *= 2) {
    let sum = 0;
    for (const rewards of byTask.values()) {
      const n = rewards.length;
      const c = rewards.filter((r) => r >= 1).length;
      sum += n - c < k ? 1 : 1 - ratio(n - c, n, k);
    }
    out[String(k)] = sum / byTask.size;
  }
  return out;
}

/** C(a, k) / C(b, k) as a running product, without big factorials. */
function ratio(a: number, b: number, k: number): number {
  let r = 1;
  for (let i = 0; i < k; i++) r *= (a - i) / (b - i);
  return r;
}
