// The pure parts of a job: the retry policy, lock.json, log lines and the progress line.
import { deepStrictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildLock, formatLogLine } from '../../../src/tasks/core/job-lock';
import { renderProgress } from '../../../src/tasks/core/render-progress';
import { buildRetryConfig, DEFAULT_RETRY, retryDelayMs, shouldRetry } from '../../../src/tasks/core/retry-policy';

describe('retry policy (the framework RetryConfig)', () => {
  const two = { ...DEFAULT_RETRY, maxRetries: 2 };
  const cases: Array<[string, string | null, number, typeof DEFAULT_RETRY, boolean]> = [
    ['no exception: never', null, 0, two, false],
    ['an error with retries left', 'HealthcheckError', 0, two, true],
    ['the last retry used', 'HealthcheckError', 2, two, false],
    ['-r 0 (the default)', 'RuntimeError', 0, DEFAULT_RETRY, false],
    ['an agent timeout is excluded by default', 'AgentTimeoutError', 0, two, false],
    ['a verifier timeout is excluded by default', 'VerifierTimeoutError', 0, two, false],
    ['each reward-file failure is excluded by default', 'RewardFileNotFoundError', 0, two, false],
    ['RewardFileEmptyError', 'RewardFileEmptyError', 0, two, false],
    ['VerifierOutputParseError', 'VerifierOutputParseError', 0, two, false],
    ['include: a listed type', 'HealthcheckError', 0, { ...two, includeExceptions: ['HealthcheckError'] }, true],
    ['include: an unlisted type', 'RuntimeError', 0, { ...two, includeExceptions: ['HealthcheckError'] }, false],
    ['exclude wins over include', 'HealthcheckError', 0, { ...two, includeExceptions: ['HealthcheckError'], excludeExceptions: ['HealthcheckError'] }, false],
    ['an emptied exclude list retries timeouts', 'AgentTimeoutError', 1, { ...two, excludeExceptions: [] }, true],
  ];
  for (const [name, type, done, settings, expected] of cases) it(name, () => deepStrictEqual(shouldRetry(type, done, settings), expected));

  it('waits min_wait_sec × wait_multiplier^n, at most max_wait_sec', () => {
    deepStrictEqual([0, 1, 2].map((n) => retryDelayMs(n, DEFAULT_RETRY)), [1000, 1000, 1000]);
    const doubling = { ...DEFAULT_RETRY, waitMultiplier: 2, maxWaitSec: 5 };
    deepStrictEqual([0, 1, 2, 3].map((n) => retryDelayMs(n, doubling)), [1000, 2000, 4000, 5000]);
  });

  it('config.json keeps the framework field names', () => {
    deepStrictEqual(buildRetryConfig({ ...DEFAULT_RETRY, maxRetries: 3 }), {
      max_retries: 3,
      include_exceptions: null,
      exclude_exceptions: ['AgentTimeoutError', 'VerifierTimeoutError', 'RewardFileNotFoundError', 'RewardFileEmptyError', 'VerifierOutputParseError'],
      wait_multiplier: 1,
      min_wait_sec: 1,
      max_wait_sec: 60,
    });
  });
});

describe('lock.json and log lines', () => {
  it('pins each task by the digest of its folder', () => {
    deepStrictEqual(buildLock({ harborVersion: '2.0.0', agent: 'oracle', timeoutMultiplier: 2, tasks: [{ name: 'a/b', path: '/h/tasks/b', checksum: 'ab12' }] }), {
      lock_version: 1,
      harbor: { name: 'harbor-v2', version: '2.0.0' },
      agent: { name: 'oracle', version: '1.0.0' },
      environment: { type: 'docker' },
      timeout_multiplier: 2,
      tasks: [{ name: 'a/b', path: '/h/tasks/b', digest: 'sha256:ab12' }],
    });
  });
  it('one line per message line, with time and level', () => {
    deepStrictEqual(formatLogLine(new Date(0), 'ERROR', 'a\nb'), '1970-01-01T00:00:00.000Z ERROR a\n1970-01-01T00:00:00.000Z ERROR b\n');
  });
});

describe('the live progress line', () => {
  const cases: Array<[Parameters<typeof renderProgress>[0], string]> = [
    [{ total: 4, done: 0, running: 4, errors: 0, rewardSum: 0 }, '0/4 done · 4 running · 0 errors · mean reward -'],
    [{ total: 4, done: 2, running: 2, errors: 1, rewardSum: 1 }, '2/4 done · 2 running · 1 error · mean reward 0.500'],
    [{ total: 3, done: 3, running: 0, errors: 2, rewardSum: 2 }, '3/3 done · 0 running · 2 errors · mean reward 0.667'],
  ];
  for (const [state, line] of cases) it(line, () => deepStrictEqual(renderProgress(state), line));
});
