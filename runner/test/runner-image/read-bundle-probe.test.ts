import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readBundleProbe } from '../../src/runner-image/read-bundle-probe';
import { createFakeDeps } from '../support/fake-deps';

const dir = mkdtempSync(join(tmpdir(), 'harbor-bundle-probe-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const bundle = join(dir, 'harbor.cjs');
writeFileSync(bundle, 'console.log("a bundle")\n');
const sha256 = createHash('sha256').update('console.log("a bundle")\n').digest('hex');

test('readBundleProbe: hashes the bundle and reads the label from its own container', async () => {
  const deps = createFakeDeps(() => ({ stdout: `${sha256}\n` }));
  assert.deepEqual(await readBundleProbe(deps, true, bundle), { state: 'read', sha256, label: sha256 });
  assert.deepEqual(deps.calls.map((c) => c.argv), [['docker', 'inspect', '--format', '{{ index .Config.Labels "io.harbor.bundle-sha256" }}', hostname()]]);
});

const labels: Array<{ name: string; answer: Parameters<typeof createFakeDeps>[0]; label: string | undefined }> = [
  { name: 'an image with no such label', answer: () => ({ stdout: '<no value>\n' }), label: '' },
  { name: 'docker inspect failing', answer: () => ({ code: 1, stderr: 'Error: No such object: abc\n' }), label: undefined },
  { name: 'no docker at all', answer: () => new Error('spawn docker ENOENT'), label: undefined },
];
for (const c of labels) {
  test(`readBundleProbe: ${c.name}`, async () => {
    assert.deepEqual(await readBundleProbe(createFakeDeps(c.answer), true, bundle), { state: 'read', sha256, label: c.label });
  });
}

test('readBundleProbe: a missing bundle is reported, not thrown', async () => {
  const missing = join(dir, 'nope.cjs');
  assert.deepEqual(await readBundleProbe(createFakeDeps(), true, missing), { state: 'unreadable', path: missing, reason: 'ENOENT' });
});

test('readBundleProbe: outside the runner nothing is read or run', async () => {
  const deps = createFakeDeps();
  assert.deepEqual(await readBundleProbe(deps, false, bundle), { state: 'source' });
  assert.equal(deps.calls.length, 0);
});
