// Retries of errored trials, as the framework's job orchestrator decides them (RetryConfig).

export interface RetrySettings {
  maxRetries: number;
  /** Retry only these exception types (null: any type not excluded). */
  includeExceptions: string[] | null;
  /** Never retry these (the framework's default: the outcomes a retry would only repeat). */
  excludeExceptions: string[];
  waitMultiplier: number;
  minWaitSec: number;
  maxWaitSec: number;
}

/** The framework's RetryConfig defaults; timeouts and reward-file failures are the task's outcome, not bad luck. */
export const DEFAULT_RETRY: RetrySettings = {
  maxRetries: 0,
  includeExceptions: null,
  excludeExceptions: ['AgentTimeoutError', 'VerifierTimeoutError', 'RewardFileNotFoundError', 'RewardFileEmptyError', 'VerifierOutputParseError'],
  waitMultiplier: 1,
  minWaitSec: 1,
  maxWaitSec: 60,
};

/**
 * Whether a trial that ended with `exceptionType` after retry number `retriesSoFar` is run again.
 * @example shouldRetry('HealthcheckError', 0, { ...DEFAULT_RETRY, maxRetries: 1 }) // true
 */
export function shouldRetry(exceptionType: string | null, retriesSoFar: number, s: RetrySettings): boolean {
  if (exceptionType === null || retriesSoFar >= s.maxRetries) return false;
  if (s.excludeExceptions.includes(exceptionType)) return false;
  return s.includeExceptions === null || s.includeExceptions.includes(exceptionType);
}

/**
 * The wait before retry number `retriesSoFar + 1`: min_wait_sec × wait_multiplier^retriesSoFar, at most max_wait_sec.
 * @example retryDelayMs(2, { ...DEFAULT_RETRY, waitMultiplier: 2 }) // 4000
 */
export function retryDelayMs(retriesSoFar: number, s: RetrySettings): number {
  return Math.min(s.minWaitSec * s.waitMultiplier ** retriesSoFar, s.maxWaitSec) * 1000;
}

/** The `retry` section of the job's config.json (RetryConfig). */
export function buildRetryConfig(s: RetrySettings): Record<string, unknown> {
  return { max_retries: s.maxRetries, include_exceptions: s.includeExceptions, exclude_exceptions: s.excludeExceptions, wait_multiplier: s.waitMultiplier, min_wait_sec: s.minWaitSec, max_wait_sec: s.maxWaitSec };
}
