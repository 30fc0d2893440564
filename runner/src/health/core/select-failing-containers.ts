// Decides which of a stack's containers failed to come up, and why, in words a user reads first.
import type { ContainerState } from './parse-container-state';

export interface ContainerFailure {
  service: string;
  container: string;
  /** 'unhealthy (healthcheck failed)', 'exited with code 3', ... */
  reason: string;
  /** The last failing healthcheck run's output, when there is one. */
  healthOutput?: { exitCode: number; output: string };
}

/**
 * A container fails when its healthcheck says unhealthy, when it stopped with a non-zero code (or was killed for
 * memory), when it keeps restarting, or (only after `up --wait` gave up: `waitFailed`) when it is still starting.
 * A container that exited 0 did its job (a one-shot init), so it is not a failure.
 * @example selectFailingContainers([{ name: 'p-a-1', service: 'a', status: 'exited', exitCode: 3, oomKilled: false, health: '', probes: [] }], false)[0].reason // 'exited with code 3'
 */
export function selectFailingContainers(states: readonly ContainerState[], waitFailed: boolean): ContainerFailure[] {
  const failures: ContainerFailure[] = [];
  for (const c of states) {
    const reason = reasonOf(c, waitFailed);
    if (reason === undefined) continue;
    const failed = c.probes.filter((p) => p.exitCode !== 0).at(-1);
    failures.push({ service: c.service, container: c.name, reason, ...(failed && { healthOutput: { exitCode: failed.exitCode, output: failed.output } }) });
  }
  return failures.sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
}

function reasonOf(c: ContainerState, waitFailed: boolean): string | undefined {
  if (c.oomKilled) return 'killed: out of memory';
  if ((c.status === 'exited' || c.status === 'dead') && c.exitCode !== 0) return `exited with code ${c.exitCode}`;
  if (c.status === 'restarting') return `keeps restarting (last exit code ${c.exitCode})`;
  if (c.health === 'unhealthy') return 'unhealthy (its healthcheck fails)';
  if (waitFailed && c.health === 'starting') return 'still starting: its healthcheck has not passed yet';
  if (waitFailed && c.status === 'created') return 'created but never started';
  return undefined;
}
