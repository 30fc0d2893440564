// Decides from the mount table whether a path in the runner lies on a host mount or in the runner's own throwaway filesystem.
import type { Mount } from './mount-table';

export type HostPathPlace =
  | { kind: 'host'; mountPoint: string; readOnly: boolean }
  /** The runner's own filesystem (its image layer, /tmp, /proc…): gone when the container exits. */
  | { kind: 'runner' };

/** Mounts Docker makes for every container: never a folder of the user's. */
const CONTAINER_FILES = new Set(['/etc/hosts', '/etc/hostname', '/etc/resolv.conf', '/sbin/docker-init', '/usr/sbin/docker-init']);
const CONTAINER_TREES = ['/proc', '/sys', '/dev'];

function within(path: string, folder: string): boolean {
  return folder === '/' || path === folder || path.startsWith(`${folder}/`);
}

export function isContainerMount(mountPoint: string): boolean {
  return mountPoint === '/' || CONTAINER_FILES.has(mountPoint) || CONTAINER_TREES.some((tree) => within(mountPoint, tree));
}

/**
 * The mount holding `path` (absolute, symlinks already resolved) is the one with the longest mount point
 * containing it; a later line wins a tie (it was mounted over the earlier one). The runner's root, /proc,
 * /sys, /dev and Docker's own files are the container's; every other mount is one harbor.sh made from a
 * host folder at the same path.
 */
export function locateHostPath(path: string, mounts: readonly Mount[]): HostPathPlace {
  let best: Mount | undefined;
  for (const mount of mounts) {
    if (within(path, mount.mountPoint) && (!best || mount.mountPoint.length >= best.mountPoint.length)) best = mount;
  }
  if (!best || isContainerMount(best.mountPoint)) return { kind: 'runner' };
  return { kind: 'host', mountPoint: best.mountPoint, readOnly: best.readOnly };
}
