import assert from 'node:assert/strict';
import { test } from 'node:test';
import { printComposeConfig } from '../../../src/compose/commands/config';
import type { ResolvedSource } from '../../../src/stack/resolve-source';
import type { Stack } from '../../../src/stack/stack';
import { DEFAULT_DESCRIPTOR } from '../../../src/descriptor/core/default-descriptor';
import { CommandError } from '../../../src/shared/core/errors';
import { createFakeDeps } from '../../support/fake-deps';

const source: ResolvedSource = {
  descriptor: DEFAULT_DESCRIPTOR,
  descriptorFiles: [],
  project: { name: 'demo', directory: '/srv/harbor' },
  names: ['compose.yml', 'compose.api.yml'],
  knownCapabilities: ['nvidia', 'cdi', 'rocm', 'mdc', 'build'],
  selection: { files: ['etc/stacks/compose.yml', 'etc/stacks/compose.api.yml'], services: ['api'], options: ['api'], capabilities: [] },
};
const env = { composeEnv: { API_TOKEN: 'tok$en-42', DB_PASSWORD: 'hunter2' }, secretValues: ['tok$en-42', 'hunter2'] };
const stack: Stack = { ...source, ...env, files: source.selection.files };
// What compose prints: values interpolated, `$` doubled.
const model = 'services:\n  api:\n    environment:\n      API_TOKEN: tok$$en-42\n      DSN: postgres://app:hunter2@db/app\n      MODE: prod\n';

const cases: Array<{ name: string; format: 'yaml' | 'json' | 'services'; flags: string[] }> = [
  { name: 'YAML', format: 'yaml', flags: [] },
  { name: 'JSON', format: 'json', flags: ['--format', 'json'] },
  { name: 'service names', format: 'services', flags: ['--services'] },
];

for (const c of cases) {
  test(`printComposeConfig: ${c.name}: compose config with the env in the environment, secrets redacted in what is printed`, async () => {
    const deps = createFakeDeps(() => ({ stdout: model }));
    await printComposeConfig(deps, stack, c.format);
    assert.deepStrictEqual(deps.calls.map((call) => ({ argv: call.argv, env: call.options.env, stdio: call.options.stdio })), [
      {
        argv: ['docker', 'compose', '-p', 'demo', '--project-directory', '/srv/harbor', '-f', '/srv/harbor/etc/stacks/compose.yml', '-f', '/srv/harbor/etc/stacks/compose.api.yml', 'config', ...c.flags],
        env: env.composeEnv,
        stdio: 'capture',
      },
    ]);
    assert.deepStrictEqual(deps.stdout, ['services:\n  api:\n    environment:\n      API_TOKEN: [redacted]\n      DSN: postgres://app:[redacted]@db/app\n      MODE: prod\n']);
  });
}

test('printComposeConfig: a compose error quoting a secret is redacted too, nothing printed', async () => {
  const deps = createFakeDeps(() => ({ code: 15, stderr: 'services.api.ports: invalid port "hunter2"\n' }));
  await assert.rejects(printComposeConfig(deps, stack, 'yaml'), (err: unknown) => {
    assert.ok(err instanceof CommandError);
    assert.deepStrictEqual({ message: err.message, exitCode: err.exitCode }, { message: 'docker compose config failed (exit 15):\nservices.api.ports: invalid port "[redacted]"', exitCode: 15 });
    return true;
  });
  assert.deepStrictEqual(deps.stdout, []);
});
