import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { type BundleProbe, buildBundleCheck } from '../../../src/runner-image/core/bundle-check';

const SHA = 'fca50a9ce26c64032d0a933607b2911b57841a909a127253852e92250efc8f86';
const OTHER = '0'.repeat(64);

const cases: Array<{ name: string; probe: BundleProbe; expected: ReturnType<typeof buildBundleCheck> }> = [
  { name: 'label agrees', probe: { state: 'read', sha256: SHA, label: SHA }, expected: { name: 'bundle', status: 'ok', message: `sha256 ${SHA} (as the image's io.harbor.bundle-sha256 label records)` } },
  {
    name: 'label names another bundle',
    probe: { state: 'read', sha256: SHA, label: OTHER },
    expected: { name: 'bundle', status: 'error', message: `sha256 ${SHA}, but the image's io.harbor.bundle-sha256 label names ${OTHER}`, hint: 'the bundle was changed after the image was built: rebuild it with ./harbor.sh runner build' },
  },
  ...(['', 'unknown'] as const).map((label) => ({
    name: `image built without the shim (label ${JSON.stringify(label)})`,
    probe: { state: 'read', sha256: SHA, label } as BundleProbe,
    expected: { name: 'bundle', status: 'warn' as const, message: `sha256 ${SHA}; the image does not record it (built without ./harbor.sh)`, hint: 'rebuild the image with ./harbor.sh runner build, which labels it with the bundle hash' },
  })),
  {
    name: 'label unreadable',
    probe: { state: 'read', sha256: SHA, label: undefined },
    expected: { name: 'bundle', status: 'warn', message: `sha256 ${SHA}; the image's io.harbor.bundle-sha256 label could not be read`, hint: 'run doctor through ./harbor.sh, which starts the runner container that reads its own labels' },
  },
  {
    name: 'bundle unreadable',
    probe: { state: 'unreadable', path: '/opt/harbor/harbor.cjs', reason: 'ENOENT' },
    expected: { name: 'bundle', status: 'error', message: 'cannot read the bundle /opt/harbor/harbor.cjs: ENOENT', hint: 'rebuild the runner image: ./harbor.sh runner build' },
  },
  { name: 'run from source', probe: { state: 'source' }, expected: { name: 'bundle', status: 'ok', message: 'not checked: Harbor runs from source, not from the runner image' } },
];

for (const c of cases) {
  test(`bundle check: ${c.name}`, () => assert.deepEqual(buildBundleCheck(c.probe), c.expected));
}
