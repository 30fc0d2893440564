import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseMountInfo, type Mount } from '../../../src/shared/core/mount-table';

// Lines as a runner container's /proc/self/mountinfo shows them (Docker 20.10, overlay2).
const ROOT = '147 70 0:53 / / rw,relatime master:4 - overlay overlay rw,lowerdir=/l1:/l2,upperdir=/u,workdir=/w';
const PROC = '148 147 0:57 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw';
const HOME = '180 147 254:0 /home/me/harbor /home/me/harbor rw,relatime - ext4 /dev/vda rw,discard';
const CWD_RO = '181 147 254:0 /home/me/projects/app /home/me/projects/app ro,relatime - ext4 /dev/vda rw,discard';
const SUPER_RO = '182 147 0:70 / /mnt/cdrom rw,relatime - iso9660 /dev/sr0 ro';
const SPACED = '183 147 254:0 /home/me/My\\040Files /home/me/My\\040Files rw,relatime shared:1 master:2 - ext4 /dev/vda rw';

const cases: Array<{ name: string; text: string; expected: Mount[] }> = [
  { name: 'empty', text: '', expected: [] },
  { name: 'the overlay root', text: ROOT, expected: [{ mountPoint: '/', readOnly: false }] },
  {
    name: 'a runner table: root, proc, home rw, cwd ro',
    text: [ROOT, PROC, HOME, CWD_RO, ''].join('\n'),
    expected: [
      { mountPoint: '/', readOnly: false },
      { mountPoint: '/proc', readOnly: false },
      { mountPoint: '/home/me/harbor', readOnly: false },
      { mountPoint: '/home/me/projects/app', readOnly: true },
    ],
  },
  { name: 'read-only filesystem under a rw mount', text: SUPER_RO, expected: [{ mountPoint: '/mnt/cdrom', readOnly: true }] },
  { name: 'octal escapes and several optional fields', text: SPACED, expected: [{ mountPoint: '/home/me/My Files', readOnly: false }] },
  { name: 'a line without the separator is skipped', text: `garbage line\n${HOME}`, expected: [{ mountPoint: '/home/me/harbor', readOnly: false }] },
];

for (const c of cases) {
  test(`parseMountInfo: ${c.name}`, () => assert.deepEqual(parseMountInfo(c.text), c.expected));
}
