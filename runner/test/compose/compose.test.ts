import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCompose } from '../../src/compose/compose';
import { CommandError } from '../../src/shared/core/errors';
import { createFakeDeps } from '../support/fake-deps';

const argv = ['docker', 'compose', '-p', 'demo', '--project-directory', '/srv/harbor', '-f', '/srv/harbor/etc/stacks/compose.yml', 'up', '-d'];

test('runCompose: runs the argv as given, in the home, env only through options.env', async () => {
  const deps = createFakeDeps();
  await runCompose(deps, argv, { env: { TOKEN: 's3cret' } });
  assert.deepStrictEqual(deps.calls, [{ argv, options: { cwd: '/srv/harbor', env: { TOKEN: 's3cret' }, stdio: 'inherit' } }]);
});

const failures: Array<{ name: string; stdio: 'inherit' | 'capture'; result: { code: number; stderr: string }; message: string; exitCode: number }> = [
  {
    name: 'inherit: compose already printed its error; its exit code passes through',
    stdio: 'inherit',
    result: { code: 15, stderr: '' },
    message: 'docker compose up failed (exit 15)',
    exitCode: 15,
  },
  {
    name: 'capture: compose stderr is part of the message',
    stdio: 'capture',
    result: { code: 14, stderr: 'open /x.yml: no such file or directory\n' },
    message: 'docker compose up failed (exit 14):\nopen /x.yml: no such file or directory',
    exitCode: 14,
  },
];

for (const c of failures) {
  test(`runCompose: ${c.name}`, async () => {
    const deps = createFakeDeps(() => c.result);
    await assert.rejects(runCompose(deps, argv, { stdio: c.stdio }), (err: unknown) => {
      assert.ok(err instanceof CommandError);
      assert.deepStrictEqual({ message: err.message, exitCode: err.exitCode }, { message: c.message, exitCode: c.exitCode });
      return true;
    });
  });
}

test('runCompose: an ok code is not a failure', async () => {
  const deps = createFakeDeps(() => ({ code: 130 }));
  assert.equal((await runCompose(deps, argv, { okCodes: [130] })).code, 130);
});

test('runCompose: a missing docker CLI is a CommandError with exit 127', async () => {
  const deps = createFakeDeps(() => Object.assign(new Error('spawn docker ENOENT'), { code: 'ENOENT' }));
  await assert.rejects(runCompose(deps, argv), (err: unknown) => {
    assert.ok(err instanceof CommandError);
    assert.deepStrictEqual({ message: err.message, exitCode: err.exitCode }, { message: 'cannot run docker: not found on PATH', exitCode: 127 });
    return true;
  });
});

test('runCompose: secret values are redacted from captured stderr in the message', async () => {
  const deps = createFakeDeps(() => ({ code: 15, stderr: 'invalid port "hunter2"\n' }));
  await assert.rejects(runCompose(deps, argv, { stdio: 'capture', secretValues: ['hunter2'] }), {
    message: 'docker compose up failed (exit 15):\ninvalid port "[redacted]"',
  });
});

test('runCompose: check false returns a failing code instead of throwing', async () => {
  const deps = createFakeDeps(() => ({ code: 3 }));
  assert.equal((await runCompose(deps, argv, { check: false })).code, 3);
});

test('runCompose: progress output never reaches a stdout that is not a terminal (streamed to stderr, live)', async () => {
  const deps = createFakeDeps(() => ({ stdout: '#1 [hello] building\n' }));
  await runCompose(deps, argv, { stdio: 'progress' });
  assert.equal(deps.calls[0]?.options.stdio, process.stdout.isTTY ? 'inherit' : 'stderr');
  assert.deepStrictEqual(deps.stdout, []);
});
