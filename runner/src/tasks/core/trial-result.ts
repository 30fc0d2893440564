// The trial result.json the framework writes (TrialResult), built from what a trial recorded.
import type { Rewards } from './parse-reward';

export interface Timing {
  started_at: string | null;
  finished_at: string | null;
}

export interface ExceptionInfo {
  exception_type: string;
  exception_message: string;
  exception_traceback: string;
  occurred_at: string;
}

export interface StepResult {
  step_name: string;
  agent_execution: Timing | null;
  verifier: Timing | null;
  verifier_result: { rewards: Rewards } | null;
  exception_info: ExceptionInfo | null;
}

export interface TrialResultJson {
  id: string;
  task_name: string;
  trial_name: string;
  trial_uri: string;
  task_id: { path: string };
  source: string | null;
  task_checksum: string;
  config: unknown;
  agent_info: { name: string; version: string; model_info: null };
  agent_result: { n_input_tokens: null; n_cache_tokens: null; n_output_tokens: null; cost_usd: null; rollout_details: null; metadata: null };
  verifier_result: { rewards: Rewards } | null;
  verifier_environment_mode: 'shared' | 'separate';
  exception_info: ExceptionInfo | null;
  started_at: string | null;
  finished_at: string | null;
  environment_setup: Timing | null;
  agent_setup: Timing | null;
  agent_execution: Timing | null;
  verifier: Timing | null;
  step_results?: StepResult[];
}

/** Python's naive `datetime.isoformat()` (microseconds, no zone), in UTC. @example formatTimestamp(new Date(0)) // '1970-01-01T00:00:00.000000' */
export function formatTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 23)}000`;
}

/** Python's str(float) for the keys of reward_stats: 1 → "1.0". @example formatPyFloat(0.75) // '0.75' */
export function formatPyFloat(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  return Number.isInteger(n) && Math.abs(n) < 1e16 ? `${n}.0` : String(n);
}

/** What the framework's agent info says for the built-in agents. */
export function buildAgentInfo(agent: 'oracle' | 'nop'): TrialResultJson['agent_info'] {
  return { name: agent, version: '1.0.0', model_info: null };
}

export const EMPTY_AGENT_RESULT: TrialResultJson['agent_result'] = { n_input_tokens: null, n_cache_tokens: null, n_output_tokens: null, cost_usd: null, rollout_details: null, metadata: null };

/** The traceback-like text of exception.txt: Harbor has no Python stack, so it names the phase and the cause. */
export function renderExceptionText(info: ExceptionInfo): string {
  return `${info.exception_traceback}${info.exception_type}: ${info.exception_message}\n`;
}
