// Judges one path a command reads or writes for the user: fine, or the exact reason the host would not see it.
import { dirname } from 'node:path';
import type { HostPathPlace } from './locate-host-path';

export type PathAccess = 'read' | 'write';

export interface HostPathQuestion {
  /** The path as the user typed it (or as Harbor derived it, e.g. the default key file). */
  typed: string;
  /** Its absolute form in the runner (the same as on the host when it lies on a host mount). */
  path: string;
  access: PathAccess;
  place: HostPathPlace;
  home: string;
  /** The user's working directory on the host, and whether the runner sees it. */
  cwd: string;
  cwdVisible: boolean;
}

export interface HostPathProblem {
  message: string;
  hint: string;
}

/** The commands for which harbor.sh mounts the current directory writable (docs/runner.md keeps the same list). */
export const WRITING_COMMANDS =
  'secrets encrypt -i/--output, secrets decrypt --output, secrets edit/set/unset/updatekeys/rotate, secrets keygen, runner save, descriptor schema --output, task run, task schema --output';

function within(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder === '/' ? '/' : `${folder}/`);
}

/** undefined when the command may go ahead; else what to tell the user (both name host paths only). */
export function checkHostPath(q: HostPathQuestion): HostPathProblem | undefined {
  const label = q.typed === q.path ? q.path : `${q.typed} (${q.path})`;
  const nothing = q.access === 'write' ? 'nothing was written' : 'nothing was read';
  if (q.place.kind === 'host') {
    if (q.access === 'read' || !q.place.readOnly) return undefined;
    if (q.place.mountPoint === q.cwd) {
      return {
        message: `${label}: the current directory is mounted read-only for this command, so Harbor cannot write there; ${nothing}`,
        hint: `harbor.sh makes it writable only for the commands that write files (${WRITING_COMMANDS}): put the command words first, e.g. \`harbor secrets set FILE KEY\``,
      };
    }
    return {
      message: `${label}: ${q.place.mountPoint} is mounted read-only in the runner, so Harbor cannot write there; ${nothing}`,
      hint: 'write to a file in the current directory or the Harbor home instead',
    };
  }
  if (!q.cwdVisible && within(q.path, q.cwd)) {
    return {
      message: `${label}: the current directory ${q.cwd} is not visible to the runner (harbor.sh never mounts /, /tmp, /usr or another system folder over the runner's own); ${nothing}`,
      hint: `run harbor from another folder (a subfolder of it works), or give a path inside the Harbor home (${q.home})`,
    };
  }
  return {
    message: `${label}: outside the folders the runner can see (the Harbor home ${q.home}${q.cwdVisible && !within(q.cwd, q.home) ? ` and the current directory ${q.cwd}` : ''}); ${nothing}`,
    hint: `run harbor from the file's folder (cd ${dirname(q.path)} && harbor …) and name the file relative to it`,
  };
}
