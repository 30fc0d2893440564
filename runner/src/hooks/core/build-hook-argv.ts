// Builds the `docker run` argv of a hook that runs in a throwaway container (shell, container, ts_routine).
import { posix } from 'node:path';
import type { PlannedHook } from './plan-hooks';

/** The word the runner image's entrypoint reads to run a ts_routine instead of a command (runner/src/main.ts). */
export const ROUTINE_ENTRY = '__hook-routine';

export interface HookContainerInput {
  planned: PlannedHook;
  /** Unique per run: the timeout removes the container by this name. */
  containerName: string;
  project: string;
  home: string;
  runnerImage: string;
  /** The stack network, when it exists. */
  network?: string | undefined;
  /** `uid:gid` of the user running Harbor: what a hook writes in var/run/ is theirs. */
  user?: string | undefined;
  /** Names only: values travel through docker's process environment, never argv. */
  envNames: readonly string[];
}

/**
 * The home is mounted read-only at its own path and var/run/ read-write over it; shell hooks and routines work in
 * the home. A container hook keeps its image's user and working directory (images such as postgres expect theirs).
 * @example buildHookContainerArgv({ planned, containerName: 'harbor-hook-demo-1a2b', project: 'demo', home: '/h', runnerImage: 'harbor-runner:2', envNames: ['HARBOR_HOOK'] })
 * // ['docker', 'run', '--rm', '--init', '--name', 'harbor-hook-demo-1a2b', ..., '--entrypoint', '/bin/sh', 'harbor-runner:2', '-c', 'echo hi']
 */
export function buildHookContainerArgv(input: HookContainerInput): string[] {
  const { planned, home } = input;
  const { hook } = planned;
  const argv = ['docker', 'run', '--rm', '--init', '--name', input.containerName];
  argv.push('--label', `io.harbor.hook=${planned.label}`, '--label', `io.harbor.project=${input.project}`);
  if (input.network) argv.push('--network', input.network);
  if (planned.type === 'ts_routine') argv.push('-i');
  if (planned.type !== 'container') {
    if (input.user) argv.push('--user', input.user);
    argv.push('-w', home);
  }
  argv.push('-v', `${home}:${home}:ro`, '-v', `${posix.join(home, 'var/run')}:${posix.join(home, 'var/run')}`);
  for (const name of input.envNames) argv.push('-e', name);
  if (planned.type === 'container') return [...argv, hook.image!, ...(hook.command ?? [])];
  if (planned.type === 'ts_routine') return [...argv, input.runnerImage, ROUTINE_ENTRY, posix.join(home, hook.module!)];
  const image = hook.image ?? input.runnerImage;
  // --entrypoint: the runner image's own entrypoint is Harbor; a script runs by its shebang, inline code by sh -c.
  if (hook.script !== undefined) return [...argv, '--entrypoint', posix.join(home, hook.script), image];
  return [...argv, '--entrypoint', '/bin/sh', image, '-c', hook.run!];
}
