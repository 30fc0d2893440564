// lock.json: what a job (and each trial) ran, pinned, so a later run can tell whether a task changed since.

export interface LockedTask {
  name: string;
  path: string;
  /** sha256 of the task folder (every file's relative path and bytes), the trial result's task_checksum. */
  checksum: string;
}

export interface LockInput {
  harborVersion: string;
  agent: string;
  timeoutMultiplier: number;
  tasks: readonly LockedTask[];
}

/**
 * @example buildLock({ harborVersion: '2.0.0', agent: 'oracle', timeoutMultiplier: 1, tasks: [{ name: 'a/b', path: '/t/b', checksum: 'ab12' }] }).tasks[0].digest // 'sha256:ab12'
 */
export function buildLock(input: LockInput): Record<string, unknown> {
  return {
    lock_version: 1,
    harbor: { name: 'harbor-v2', version: input.harborVersion },
    agent: { name: input.agent, version: '1.0.0' },
    environment: { type: 'docker' },
    timeout_multiplier: input.timeoutMultiplier,
    tasks: input.tasks.map((t) => ({ name: t.name, path: t.path, digest: `sha256:${t.checksum}` })),
  };
}

/**
 * One line of job.log / trial.log: the time, the level, the message (one line per message line).
 * @example formatLogLine(new Date(0), 'INFO', 'started') // '1970-01-01T00:00:00.000Z INFO started\n'
 */
export function formatLogLine(at: Date, level: 'INFO' | 'WARNING' | 'ERROR', message: string): string {
  return message.split('\n').map((line) => `${at.toISOString()} ${level} ${line}\n`).join('');
}
