import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readDockerFacts } from '../../src/source/docker-facts';
import { createFakeDeps } from '../support/fake-deps';

test('readDockerFacts: compose version and runtime names, one call each', async () => {
  const deps = createFakeDeps((argv) =>
    argv[1] === 'compose' ? { stdout: '2.26.1-4\n' } : { stdout: '{"io.containerd.runc.v2":{"path":"runc"},"nvidia":{"path":"nvidia-container-runtime"},"runc":{"path":"runc"}}\n' },
  );
  assert.deepStrictEqual(await readDockerFacts(deps), { composeVersion: '2.26.1-4', runtimes: ['io.containerd.runc.v2', 'nvidia', 'runc'], warnings: [] });
  assert.deepStrictEqual(deps.calls.map((c) => c.argv), [
    ['docker', 'compose', 'version', '--short'],
    ['docker', 'info', '--format', '{{json .Runtimes}}'],
  ]);
});

test('readDockerFacts: failures become warnings and "absent" facts', async () => {
  const deps = createFakeDeps((argv) => (argv[1] === 'compose' ? { code: 1, stderr: "docker: 'compose' is not a docker command.\n" } : new Error('spawn docker ENOENT')));
  assert.deepStrictEqual(await readDockerFacts(deps), {
    composeVersion: undefined,
    runtimes: [],
    warnings: [
      "could not read the compose version (docker: 'compose' is not a docker command.): mdc is not detected",
      'could not read the docker runtimes (spawn docker ENOENT): the nvidia runtime is not detected',
    ],
  });
});
