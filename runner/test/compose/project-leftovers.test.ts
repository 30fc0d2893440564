import assert from 'node:assert/strict';
import { test } from 'node:test';
import { removeProjectLeftovers } from '../../src/compose/project-leftovers';
import { CommandError } from '../../src/shared/core/errors';
import { createFakeDeps } from '../support/fake-deps';

const label = 'label=com.docker.compose.project=demo';

test('removeProjectLeftovers: networks always, volumes only when asked, found by the project label', async () => {
  const deps = createFakeDeps((argv) => (argv[2] === 'ls' ? { stdout: argv[1] === 'network' ? 'demo_llm\ndemo_default\n' : 'demo_webui-data\n' } : {}));
  assert.deepStrictEqual(await removeProjectLeftovers(deps, 'demo', { volumes: true }), { networks: ['demo_default', 'demo_llm'], volumes: ['demo_webui-data'] });
  assert.deepStrictEqual(deps.calls.map((c) => c.argv), [
    ['docker', 'network', 'ls', '--filter', label, '--format', '{{.Name}}'],
    ['docker', 'volume', 'ls', '--filter', label, '--format', '{{.Name}}'],
    ['docker', 'network', 'rm', 'demo_default', 'demo_llm'],
    ['docker', 'volume', 'rm', 'demo_webui-data'],
  ]);
});

test('removeProjectLeftovers: nothing left, nothing removed; volumes not even listed without the flag', async () => {
  const deps = createFakeDeps();
  assert.deepStrictEqual(await removeProjectLeftovers(deps, 'demo', { volumes: false }), { networks: [], volumes: [] });
  assert.deepStrictEqual(deps.calls.map((c) => c.argv), [['docker', 'network', 'ls', '--filter', label, '--format', '{{.Name}}']]);
});

test('removeProjectLeftovers: a network still in use is a CommandError with docker\'s reason', async () => {
  const deps = createFakeDeps((argv) => (argv[2] === 'ls' ? { stdout: 'demo_default\n' } : { code: 1, stderr: 'Error response from daemon: network demo_default has active endpoints\n' }));
  await assert.rejects(removeProjectLeftovers(deps, 'demo', { volumes: false }), (err: unknown) => {
    assert.ok(err instanceof CommandError);
    assert.equal(err.message, 'docker network rm failed (exit 1): Error response from daemon: network demo_default has active endpoints');
    return true;
  });
});
