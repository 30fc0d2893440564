import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { buildDoctorReport, type DoctorProbes, LOW_DISK_BYTES } from '../../../src/doctor/core/doctor-report';
import { parseHostFacts } from '../../../src/source/core/host-facts';

const GB = 1024 ** 3;
const healthy: DoctorProbes = {
  runnerVersion: '2.0.0',
  inRunner: true,
  codeCache: 'used',
  bundle: { state: 'read', sha256: 'ab12', label: 'ab12' },
  engine: { state: 'up', engineVersion: '27.1.0', apiVersion: '1.46', dataRoot: '/var/lib/docker', runtimes: ['runc'] },
  composeVersion: '2.29.1',
  home: '/home/u/harbor',
  homeMountSource: '/home/u/harbor',
  homeWritable: true,
  varRunWritable: true,
  homeFreeBytes: 50 * GB,
  dataRootFreeBytes: 80 * GB,
  ageKey: undefined,
  hostFacts: parseHostFacts('os=Linux arch=x86_64'),
};

function check(p: Partial<DoctorProbes>, name: string) {
  const found = buildDoctorReport({ ...healthy, ...p }).find((c) => c.name === name);
  assert.ok(found, `no check named ${name}`);
  return { status: found.status, message: found.message };
}

const cases: Array<{ name: string; probes: Partial<DoctorProbes>; check: string; expected: { status: string; message: string } }> = [
  { name: 'engine up', probes: {}, check: 'engine', expected: { status: 'ok', message: 'Docker Engine 27.1.0 (API 1.46)' } },
  { name: 'no socket', probes: { engine: { state: 'no-socket', endpoint: '/var/run/docker.sock' } }, check: 'engine', expected: { status: 'error', message: 'no Docker socket at /var/run/docker.sock' } },
  { name: 'permission denied', probes: { engine: { state: 'permission-denied', endpoint: '/var/run/docker.sock' } }, check: 'engine', expected: { status: 'error', message: 'permission denied on /var/run/docker.sock' } },
  { name: 'daemon down', probes: { engine: { state: 'daemon-down', endpoint: '/var/run/docker.sock', detail: 'ECONNREFUSED' } }, check: 'engine', expected: { status: 'error', message: 'the Docker daemon does not answer at /var/run/docker.sock: ECONNREFUSED' } },
  { name: 'runner started from its code cache', probes: {}, check: 'runner', expected: { status: 'ok', message: 'harbor runner 2.0.0 (in the runner container)' } },
  { name: 'runner run from source', probes: { inRunner: false, codeCache: undefined }, check: 'runner', expected: { status: 'ok', message: 'harbor runner 2.0.0 (on the host, not in a runner)' } },
  { name: 'code cache rejected warns', probes: { codeCache: 'rejected' }, check: 'runner', expected: { status: 'warn', message: "harbor runner 2.0.0 (in the runner container): V8 rejected the image's code cache (another Node, or V8 flags in NODE_OPTIONS), so every command starts ~40 ms slower" } },
  { name: 'code cache missing warns', probes: { codeCache: 'missing' }, check: 'runner', expected: { status: 'warn', message: 'harbor runner 2.0.0 (in the runner container): the image has no V8 code cache, so every command starts ~40 ms slower' } },
  { name: 'old compose is flagged', probes: { composeVersion: '2.23.0' }, check: 'compose', expected: { status: 'warn', message: 'Docker Compose 2.23.0 is older than 2.23.1' } },
  { name: 'modern compose with v prefix', probes: { composeVersion: 'v2.23.1' }, check: 'compose', expected: { status: 'ok', message: 'Docker Compose v2.23.1' } },
  { name: 'no compose', probes: { composeVersion: undefined }, check: 'compose', expected: { status: 'error', message: 'docker compose is not available' } },
  { name: 'home mounted elsewhere', probes: { homeMountSource: '/mnt/other' }, check: 'home', expected: { status: 'error', message: '/home/u/harbor is mounted from /mnt/other, not from the same path' } },
  { name: 'home not writable', probes: { homeWritable: false }, check: 'home', expected: { status: 'error', message: '/home/u/harbor is not writable' } },
  { name: 'var/run not writable', probes: { varRunWritable: false }, check: 'var/run', expected: { status: 'error', message: '/home/u/harbor/var/run is not writable' } },
  { name: 'low disk warns', probes: { homeFreeBytes: LOW_DISK_BYTES - 1 }, check: 'disk (home)', expected: { status: 'warn', message: '10.0 GB free on /home/u/harbor' } },
  { name: 'unknown disk warns', probes: { dataRootFreeBytes: undefined }, check: 'disk (engine data root)', expected: { status: 'warn', message: 'free space on /var/lib/docker unknown' } },
  { name: 'key readable by others', probes: { ageKey: { source: 'default path', path: '/k/keys.txt', mode: 0o100644 } }, check: 'age key', expected: { status: 'warn', message: '/k/keys.txt (default path) is readable by others (mode 644)' } },
  { name: 'key with strict mode', probes: { ageKey: { source: '$SOPS_AGE_KEY_FILE', path: '/k/keys.txt', mode: 0o100600 } }, check: 'age key', expected: { status: 'ok', message: 'found at /k/keys.txt ($SOPS_AGE_KEY_FILE)' } },
  { name: 'key from the environment: name only', probes: { ageKey: { source: '$AGE_PRIVATE_KEY' } }, check: 'age key', expected: { status: 'ok', message: 'found at $AGE_PRIVATE_KEY' } },
  { name: 'GPU facts', probes: { hostFacts: parseHostFacts('os=Linux arch=aarch64 nvidia_smi=1 cdi=/etc/cdi/nvidia.yaml') }, check: 'host', expected: { status: 'ok', message: 'Linux aarch64; nvidia-smi, CDI spec /etc/cdi/nvidia.yaml' } },
];

for (const c of cases) {
  test(`doctor: ${c.name}`, () => assert.deepEqual(check(c.probes, c.check), c.expected));
}

test('doctor: the engine data-root disk check is left out when the engine is down', () => {
  const names = buildDoctorReport({ ...healthy, engine: { state: 'no-socket', endpoint: '/x' } }).map((c) => c.name);
  assert.ok(!names.includes('disk (engine data root)'));
});
