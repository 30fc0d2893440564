import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { locateHostPath, type HostPathPlace } from '../../../src/shared/core/locate-host-path';
import type { Mount } from '../../../src/shared/core/mount-table';

const m = (mountPoint: string, readOnly = false): Mount => ({ mountPoint, readOnly });
// The table harbor.sh makes for `secrets keygen` run from ~/projects/app with the home at ~/harbor.
const RUNNER: Mount[] = [
  m('/'),
  m('/proc'),
  m('/dev'),
  m('/dev/shm'),
  m('/sys', true),
  m('/etc/hosts'),
  m('/usr/sbin/docker-init', true),
  m('/home/me/harbor'),
  m('/home/me/projects/app', true),
  m('/home/me/.config/sops/age'),
  m('/run/docker.sock'),
];

const cases: Array<{ name: string; path: string; mounts?: Mount[]; expected: HostPathPlace }> = [
  { name: 'a file in the home', path: '/home/me/harbor/etc/secrets.sops.env', expected: { kind: 'host', mountPoint: '/home/me/harbor', readOnly: false } },
  { name: 'the home itself', path: '/home/me/harbor', expected: { kind: 'host', mountPoint: '/home/me/harbor', readOnly: false } },
  { name: 'a sibling whose name starts like the home', path: '/home/me/harbor-old/x', expected: { kind: 'runner' } },
  { name: 'the current directory, read-only', path: '/home/me/projects/app/plain.env', expected: { kind: 'host', mountPoint: '/home/me/projects/app', readOnly: true } },
  { name: 'the key folder, writable', path: '/home/me/.config/sops/age/keys.txt', expected: { kind: 'host', mountPoint: '/home/me/.config/sops/age', readOnly: false } },
  { name: "the runner's HOME=/tmp (issue 19)", path: '/tmp/.config/sops/age/keys.txt', expected: { kind: 'runner' } },
  { name: 'a folder above the key folder (created by Docker in the runner)', path: '/home/me/.config/other.txt', expected: { kind: 'runner' } },
  { name: 'the parent of the current directory', path: '/home/me/projects/other.env', expected: { kind: 'runner' } },
  { name: '/dev/shm is the runner’s', path: '/dev/shm/x', expected: { kind: 'runner' } },
  { name: "Docker's /etc/hosts is the runner’s", path: '/etc/hosts', expected: { kind: 'runner' } },
  { name: 'no table at all', path: '/home/me/harbor/x', mounts: [], expected: { kind: 'runner' } },
  {
    name: 'a later mount on the same point wins',
    path: '/srv/data/x',
    mounts: [m('/'), m('/srv/data'), m('/srv/data', true)],
    expected: { kind: 'host', mountPoint: '/srv/data', readOnly: true },
  },
  {
    name: 'a writable folder inside a read-only one',
    path: '/home/me/projects/app/keys/k.txt',
    mounts: [...RUNNER, m('/home/me/projects/app/keys')],
    expected: { kind: 'host', mountPoint: '/home/me/projects/app/keys', readOnly: false },
  },
];

for (const c of cases) {
  test(`locateHostPath: ${c.name}`, () => assert.deepEqual(locateHostPath(c.path, c.mounts ?? RUNNER), c.expected));
}
