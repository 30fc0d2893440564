// Multi-step rewards: the min_reward gate after each step and the trial reward over steps ("mean" or "final").
import type { Rewards } from './parse-reward';

/**
 * A number gates the `reward` key, a table each key it names; a missing key or no result (a verifier error)
 * counts as -inf, so it stops the remaining steps.
 * @example meetsMinReward({ reward: 0.5 }, 0.7) // false
 */
export function meetsMinReward(rewards: Rewards | null, min: number | Record<string, number> | undefined): boolean {
  if (min === undefined) return true;
  const gates = typeof min === 'number' ? { reward: min } : min;
  return Object.entries(gates).every(([key, floor]) => (rewards?.[key] ?? -Infinity) >= floor);
}

/**
 * "mean": per key, the mean over the steps that produced a result (a key a step lacks counts as 0);
 * "final": the last step's result as is. null when no step produced one.
 * @example mergeStepRewards([{ reward: 1 }, { reward: 0 }], 'mean') // { reward: 0.5 }
 */
export function mergeStepRewards(steps: readonly (Rewards | null)[], strategy: 'mean' | 'final'): Rewards | null {
  if (strategy === 'final') return steps.length ? steps[steps.length - 1]! : null;
  const produced = steps.filter((s): s is Rewards => s !== null);
  if (produced.length === 0) return null;
  const keys = [...new Set(produced.flatMap((s) => Object.keys(s)))];
  return Object.fromEntries(keys.map((k) => [k, produced.reduce((sum, s) => sum + (s[k] ?? 0), 0) / produced.length]));
}
