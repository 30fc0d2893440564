import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { checkHostPath, WRITING_COMMANDS, type HostPathProblem, type HostPathQuestion } from '../../../src/shared/core/check-host-path';

const HOME = '/home/me/harbor';
const CWD = '/home/me/projects/app';
const base = { home: HOME, cwd: CWD, cwdVisible: true } as const;
const onCwd = (readOnly: boolean) => ({ kind: 'host', mountPoint: CWD, readOnly }) as const;

const cases: Array<{ name: string; q: HostPathQuestion; expected: HostPathProblem | undefined }> = [
  { name: 'reading in the read-only current directory', q: { ...base, typed: 'plain.env', path: `${CWD}/plain.env`, access: 'read', place: onCwd(true) }, expected: undefined },
  { name: 'writing in a writable current directory', q: { ...base, typed: 'out.env', path: `${CWD}/out.env`, access: 'write', place: onCwd(false) }, expected: undefined },
  {
    name: 'writing in the read-only current directory',
    q: { ...base, typed: 'out.env', path: `${CWD}/out.env`, access: 'write', place: onCwd(true) },
    expected: {
      message: `out.env (${CWD}/out.env): the current directory is mounted read-only for this command, so Harbor cannot write there; nothing was written`,
      hint: `harbor.sh makes it writable only for the commands that write files (${WRITING_COMMANDS}): put the command words first, e.g. \`harbor secrets set FILE KEY\``,
    },
  },
  {
    name: 'writing over the read-only key file',
    q: { ...base, typed: '/home/me/.config/sops/age/keys.txt', path: '/home/me/.config/sops/age/keys.txt', access: 'write', place: { kind: 'host', mountPoint: '/home/me/.config/sops/age/keys.txt', readOnly: true } },
    expected: {
      message: '/home/me/.config/sops/age/keys.txt: /home/me/.config/sops/age/keys.txt is mounted read-only in the runner, so Harbor cannot write there; nothing was written',
      hint: 'write to a file in the current directory or the Harbor home instead',
    },
  },
  {
    name: "the runner's own /tmp (the key of issue 19)",
    q: { ...base, typed: '/tmp/.config/sops/age/keys.txt', path: '/tmp/.config/sops/age/keys.txt', access: 'write', place: { kind: 'runner' } },
    expected: {
      message: `/tmp/.config/sops/age/keys.txt: outside the folders the runner can see (the Harbor home ${HOME} and the current directory ${CWD}); nothing was written`,
      hint: 'run harbor from the file\'s folder (cd /tmp/.config/sops/age && harbor …) and name the file relative to it',
    },
  },
  {
    name: 'a relative path leaving the current directory, read',
    q: { ...base, typed: '../lib/a.sops.env', path: '/home/me/projects/lib/a.sops.env', access: 'read', place: { kind: 'runner' } },
    expected: {
      message: `../lib/a.sops.env (/home/me/projects/lib/a.sops.env): outside the folders the runner can see (the Harbor home ${HOME} and the current directory ${CWD}); nothing was read`,
      hint: "run harbor from the file's folder (cd /home/me/projects/lib && harbor …) and name the file relative to it",
    },
  },
  {
    name: 'from inside the home only the home is named',
    q: { ...base, cwd: `${HOME}/etc`, typed: '/srv/x.env', path: '/srv/x.env', access: 'read', place: { kind: 'runner' } },
    expected: {
      message: `/srv/x.env: outside the folders the runner can see (the Harbor home ${HOME}); nothing was read`,
      hint: "run harbor from the file's folder (cd /srv && harbor …) and name the file relative to it",
    },
  },
  {
    name: 'a current directory harbor.sh would not mount (/usr)',
    q: { ...base, cwd: '/usr', cwdVisible: false, typed: 'x.env', path: '/usr/x.env', access: 'read', place: { kind: 'runner' } },
    expected: {
      message: "x.env (/usr/x.env): the current directory /usr is not visible to the runner (harbor.sh never mounts /, /tmp, /usr or another system folder over the runner's own); nothing was read",
      hint: `run harbor from another folder (a subfolder of it works), or give a path inside the Harbor home (${HOME})`,
    },
  },
  {
    name: 'the current directory /, any path is under it',
    q: { ...base, cwd: '/', cwdVisible: false, typed: 'x', path: '/x', access: 'write', place: { kind: 'runner' } },
    expected: {
      message: "x (/x): the current directory / is not visible to the runner (harbor.sh never mounts /, /tmp, /usr or another system folder over the runner's own); nothing was written",
      hint: `run harbor from another folder (a subfolder of it works), or give a path inside the Harbor home (${HOME})`,
    },
  },
];

for (const c of cases) {
  test(`checkHostPath: ${c.name}`, () => assert.deepEqual(checkHostPath(c.q), c.expected));
}
