import { deepStrictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildJobStats, buildPassAtK } from '../../../src/tasks/core/job-result';
import type { TrialResultJson } from '../../../src/tasks/core/trial-result';

const trial = (task: string, name: string, rewards: Record<string, number> | null, exception?: string) =>
  ({ task_name: task, trial_name: name, verifier_result: rewards ? { rewards } : null, exception_info: exception ? { exception_type: exception, exception_message: '', exception_traceback: '', occurred_at: '' } : null }) as TrialResultJson;

describe('buildJobStats', () => {
  it('an errored trial without reward counts 0 in the mean; reward and exception stats by trial name', () => {
    const trials = [trial('a', 'a__1', { reward: 1 }), trial('b', 'b__1', null, 'RewardFileNotFoundError'), trial('c', 'c__1', { reward: 0.5, acc: 1 }, 'AgentTimeoutError'), trial('d', 'd__1', { acc: 1 })];
    const stats = buildJobStats(trials, 'oracle', { total: 6, running: 1, cancelled: 0, retries: 0 });
    deepStrictEqual(stats.evals, {
      oracle__adhoc: {
        n_trials: 4,
        n_errors: 2,
        metrics: [{ mean: 0.375 }],
        pass_at_k: {},
        reward_stats: { reward: { '1.0': ['a__1'], '0.5': ['c__1'] }, acc: { '1.0': ['c__1', 'd__1'] } },
        exception_stats: { RewardFileNotFoundError: ['b__1'], AgentTimeoutError: ['c__1'] },
      },
    });
    deepStrictEqual([stats.n_trials, stats.n_errors, stats.n_completed_trials, stats.n_errored_trials, stats.n_running_trials, stats.n_pending_trials], [4, 2, 4, 2, 1, 1]);
  });
  it('no trials: mean 0', () => deepStrictEqual(buildJobStats([], 'nop', { total: 0, running: 0, cancelled: 0, retries: 0 }).evals.nop__adhoc!.metrics, [{ mean: 0 }]));
});

describe('buildPassAtK', () => {
  it('the unbiased estimator per task, averaged, for k = 2, 4... up to the fewest attempts', () => {
    const trials = [
      ...[1, 0, 0, 0].map((r, i) => trial('a', `a${i}`, { reward: r })),
      ...[0, 0, 0, 0].map((r, i) => trial('b', `b${i}`, { reward: r })),
    ];
    // task a: pass@2 = 1 - C(3,2)/C(4,2) = 0.5, pass@4 = 1; task b: 0.
    deepStrictEqual(buildPassAtK(trials), { '2': 0.25, '4': 0.5 });
  });
});
