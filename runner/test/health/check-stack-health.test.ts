import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { withStackHealthReport } from '../../src/health/check-stack-health';
import { CommandError } from '../../src/shared/core/errors';
import { createFakeDeps } from '../support/fake-deps';

const check = { project: { name: 'demo', directory: '/srv/harbor' }, files: ['etc/stacks/compose.yml'], env: { TOKEN: 'hunter2' }, secretValues: ['hunter2'] };
const upFailed = () => Promise.reject(new CommandError('docker compose up failed (exit 1)', { exitCode: 1 }));

// A fake engine: compose ps, docker inspect and compose logs answer as the real ones would for one unhealthy service.
const engine = (argv: readonly string[]) => {
  if (argv.includes('ps')) return { stdout: '{"Service":"db","Name":"demo-db-1","State":"running","Health":"unhealthy","Publishers":[]}\n{"Service":"web","Name":"demo-web-1","State":"running","Health":"healthy","Publishers":[]}\n' };
  if (argv[1] === 'inspect') {
    return { stdout: JSON.stringify([
      { Name: '/demo-db-1', State: { Status: 'running', ExitCode: 0, Health: { Status: 'unhealthy', Log: [{ ExitCode: 1, Output: 'auth hunter2 refused\n' }] } }, Config: { Labels: { 'com.docker.compose.service': 'db' } } },
      { Name: '/demo-web-1', State: { Status: 'running', ExitCode: 0, Health: { Status: 'healthy', Log: [] } }, Config: { Labels: { 'com.docker.compose.service': 'web' } } },
    ]) };
  }
  if (argv.includes('logs')) return { stdout: 'listening\npassword hunter2 loaded\n' };
  return {};
};

test('a failed up: the failing service is reported (secrets masked) and named in the error, compose exit code kept', async () => {
  const deps = createFakeDeps(engine);
  await assert.rejects(withStackHealthReport(deps, check, upFailed), (err: CommandError) => {
    assert.equal(err.message, 'compose up failed: db (unhealthy (its healthcheck fails))');
    assert.equal(err.exitCode, 1);
    assert.match(err.hint!, /`harbor logs db`/);
    return true;
  });
  // (No compose file exists here: the model declines at debug level and compose gets the N files.)
  const logs = deps.logs.filter((l) => !l.startsWith('debug: compose model:')).join('\n');
  assert.equal(logs, 'error: a service did not come up:\n✖ db (demo-db-1): unhealthy (its healthcheck fails)\n  last failing healthcheck (exit 1):\n    auth [redacted] refused\n  last 20 log lines:\n    listening\n    password [redacted] loaded');
  // Only the failing service's logs are read, captured (nothing streamed), without prefixes.
  const logCalls = deps.calls.filter((c) => c.argv.includes('logs'));
  assert.deepEqual(logCalls.map((c) => c.argv.slice(-6)), [['logs', '--no-color', '--no-log-prefix', '--tail', '20', 'db']]);
  assert.equal(logCalls[0]!.options.stdio, 'capture');
});

test('no failing container (compose could not even create one): the original error, nothing printed', async () => {
  const deps = createFakeDeps(() => ({}));
  await assert.rejects(withStackHealthReport(deps, check, upFailed), /^CommandError: docker compose up failed \(exit 1\)$/);
  assert.deepEqual(deps.logs.filter((l) => !l.startsWith('debug: compose model:')), []);
});

test('a successful up reads nothing', async () => {
  const deps = createFakeDeps(engine);
  await withStackHealthReport(deps, check, async () => undefined);
  assert.deepEqual(deps.calls, []);
});
