import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readComposeServices } from '../../src/compose/compose-services';
import { CommandError } from '../../src/shared/core/errors';
import { createFakeDeps } from '../support/fake-deps';

const project = { name: 'demo', directory: '/srv/harbor' };

test('readComposeServices: compose config --services with the env in the environment; names sorted, blanks dropped', async () => {
  const deps = createFakeDeps(() => ({ stdout: 'web\n\ndb\n' }));
  const services = await readComposeServices(deps, project, ['etc/stacks/compose.yml'], { env: { TOKEN: 'hunter2' }, secretValues: ['hunter2'] });
  assert.deepStrictEqual(services, ['db', 'web']);
  assert.deepStrictEqual(deps.calls.map((c) => [c.argv, c.options.env, c.options.stdio]), [
    [['docker', 'compose', '-p', 'demo', '--project-directory', '/srv/harbor', '-f', '/srv/harbor/etc/stacks/compose.yml', 'config', '--services'], { TOKEN: 'hunter2' }, 'capture'],
  ]);
});

test('readComposeServices: compose refusing the model is a CommandError with its exit code, secrets redacted', async () => {
  const deps = createFakeDeps(() => ({ code: 15, stderr: 'services.web.ports: invalid port "hunter2"\n' }));
  await assert.rejects(readComposeServices(deps, project, ['etc/stacks/compose.yml'], { env: {}, secretValues: ['hunter2'] }), (err: unknown) => {
    assert.ok(err instanceof CommandError);
    assert.deepStrictEqual([err.message, err.exitCode], ['docker compose config failed (exit 15):\nservices.web.ports: invalid port "[redacted]"', 15]);
    return true;
  });
});
