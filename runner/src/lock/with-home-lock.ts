// Runs a piece of a command while holding the home lock, so two Harbor runs on one home never interleave.
import { acquireHomeLock, type HomeLock } from './home-lock';
import type { Deps } from '../shared/deps';
import { UsageError } from '../shared/core/errors';

const DEFAULT_TIMEOUT_S = 120;

/**
 * A second run waits (saying so) for the first to finish, up to HARBOR_LOCK_TIMEOUT seconds (default 120),
 * then fails with exit code 8. The lock is released however `fn` ends.
 * @example await withHomeLock(deps, 'harbor destroy', async () => runStage('destroy', steps, ctx))
 */
export async function withHomeLock<T>(deps: Deps, command: string, fn: (lock: HomeLock) => Promise<T>): Promise<T> {
  const timeoutMs = lockTimeoutMs(deps.env);
  const lock = await acquireHomeLock(deps.home, { log: deps.log.withTag('lock'), command, timeoutMs });
  try {
    return await fn(lock);
  } finally {
    await lock.release();
  }
}

function lockTimeoutMs(env: Readonly<Record<string, string | undefined>>): number {
  const text = env.HARBOR_LOCK_TIMEOUT;
  if (text === undefined || text === '') return DEFAULT_TIMEOUT_S * 1000;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new UsageError(`HARBOR_LOCK_TIMEOUT=${JSON.stringify(text)} is not a number of seconds`, {
      hint: 'set it to how long a run may wait for another one, e.g. HARBOR_LOCK_TIMEOUT=300 (0: do not wait)',
    });
  }
  return seconds * 1000;
}
