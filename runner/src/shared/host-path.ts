// The runner-side guard of the container boundary: a file Harbor reads or writes for the user must lie on a host mount.
import { readFile, readlink, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Deps } from './deps';
import { checkHostPath, type PathAccess } from './core/check-host-path';
import { locateHostPath } from './core/locate-host-path';
import { parseMountInfo, type Mount } from './core/mount-table';
import { HostPathError } from './core/host-path-error';

export interface HostPathIo {
  /** The text of /proc/self/mountinfo. */
  readMountInfo: () => Promise<string>;
}

let mountTable: Promise<Mount[]> | undefined;

const procIo: HostPathIo = { readMountInfo: () => readFile('/proc/self/mountinfo', 'utf8') };

/** Mounts do not change while a command runs: read the table once per process (tests pass their own io). */
function loadMounts(io: HostPathIo): Promise<Mount[]> {
  if (io !== procIo) return io.readMountInfo().then(parseMountInfo);
  mountTable ??= io.readMountInfo().then(parseMountInfo);
  return mountTable;
}

/**
 * Where `path` really lands: symlinks resolved for the part that exists, the rest appended. A symlink whose
 * target the runner cannot see (dangling here) is followed by hand, so its target is what gets judged.
 */
export async function physicalPath(path: string): Promise<string> {
  let current = resolve(path);
  const tail: string[] = [];
  for (let hops = 0; hops < 64; hops++) {
    try {
      return join(await realpath(current), ...tail);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
    }
    const target = await readlink(current).catch(() => undefined);
    if (target !== undefined) {
      current = resolve(dirname(current), target);
      continue;
    }
    if (current === dirname(current)) break;
    tail.unshift(basename(current));
    current = dirname(current);
  }
  return join(current, ...tail);
}

interface GuardContext {
  inRunner: boolean;
  home: string;
  cwd: string;
}

async function guard(ctx: GuardContext, typed: string, path: string, access: PathAccess, io: HostPathIo): Promise<void> {
  if (!ctx.inRunner) return;
  const mounts = await loadMounts(io);
  const problem = checkHostPath({
    typed,
    path,
    access,
    place: locateHostPath(await physicalPath(path), mounts),
    home: ctx.home,
    cwd: ctx.cwd,
    cwdVisible: locateHostPath(await physicalPath(ctx.cwd), mounts).kind === 'host',
  });
  if (problem) throw new HostPathError(problem.message, { hint: problem.hint });
}

/**
 * A path argument made absolute against the user's working directory, after checking that the host sees it
 * (and, for `write`, that the runner may write there). Call it for every path before doing anything, so a
 * refused command has read and written nothing. Outside the runner (tests, a host install) every path is
 * the host's and nothing is checked.
 */
export async function resolveHostPath(deps: Deps, typed: string, access: PathAccess): Promise<string> {
  const io = deps.readMountInfo ? { readMountInfo: deps.readMountInfo } : procIo;
  const path = resolve(deps.cwd, typed);
  await guard({ inRunner: deps.env.HARBOR_IN_RUNNER === '1', home: deps.home, cwd: deps.cwd }, typed, path, access, io);
  return path;
}

/**
 * The safety net inside every adapter that writes a file for the user (sops files, keys, archives, rendered
 * templates, .env.run): a write that would land in the runner's own filesystem fails here, loudly, even when
 * a command forgot resolveHostPath. `path` is absolute.
 */
export async function assertHostWritable(path: string, io: HostPathIo = procIo, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const cwd = env.HARBOR_HOST_CWD || process.cwd();
  await guard({ inRunner: env.HARBOR_IN_RUNNER === '1', home: env.HARBOR_HOME || cwd, cwd }, path, path, 'write', io);
}
