import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { parseContainerStates, type ContainerState } from '../../../src/health/core/parse-container-state';
import { selectFailingContainers } from '../../../src/health/core/select-failing-containers';
import { renderFailureReport } from '../../../src/health/core/render-failure-report';

const base: ContainerState = { name: 'p-a-1', service: 'a', status: 'running', exitCode: 0, oomKilled: false, health: '', probes: [] };

describe('parseContainerStates', () => {
  test('reads docker inspect: name without /, service label, state, health log', () => {
    const text = JSON.stringify([{
      Name: '/p-hello-1',
      State: { Status: 'running', ExitCode: 0, OOMKilled: false, Health: { Status: 'unhealthy', Log: [{ ExitCode: 0, Output: 'ok' }, { ExitCode: 1, Output: 'refused\n' }] } },
      Config: { Labels: { 'com.docker.compose.service': 'hello' } },
    }, { Name: '/other', State: { Status: 'exited', ExitCode: 2 }, Config: { Labels: null } }]);
    assert.deepEqual(parseContainerStates(text), [
      { name: 'p-hello-1', service: 'hello', status: 'running', exitCode: 0, oomKilled: false, health: 'unhealthy', probes: [{ exitCode: 0, output: 'ok' }, { exitCode: 1, output: 'refused\n' }] },
      { name: 'other', service: '', status: 'exited', exitCode: 2, oomKilled: false, health: '', probes: [] },
    ]);
  });
  test('output that is not JSON is a CommandError', () => {
    assert.throws(() => parseContainerStates('Error: no such object'), /docker inspect printed output that is not JSON/);
  });
});

describe('selectFailingContainers', () => {
  const cases: Array<{ name: string; state: Partial<ContainerState>; waitFailed?: boolean; reason: string | undefined }> = [
    { name: 'running, no healthcheck', state: {}, reason: undefined },
    { name: 'healthy', state: { health: 'healthy' }, reason: undefined },
    { name: 'one-shot that exited 0', state: { status: 'exited' }, reason: undefined },
    { name: 'exited non-zero', state: { status: 'exited', exitCode: 3 }, reason: 'exited with code 3' },
    { name: 'out of memory', state: { status: 'exited', exitCode: 137, oomKilled: true }, reason: 'killed: out of memory' },
    { name: 'restarting', state: { status: 'restarting', exitCode: 1 }, reason: 'keeps restarting (last exit code 1)' },
    { name: 'unhealthy', state: { health: 'unhealthy' }, reason: 'unhealthy (its healthcheck fails)' },
    { name: 'starting, up still waiting', state: { health: 'starting' }, reason: undefined },
    { name: 'starting when --wait gave up', state: { health: 'starting' }, waitFailed: true, reason: 'still starting: its healthcheck has not passed yet' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const failures = selectFailingContainers([{ ...base, ...c.state }], c.waitFailed ?? false);
      assert.deepEqual(failures.map((f) => f.reason), c.reason === undefined ? [] : [c.reason]);
    });
  }
  test('the last failing healthcheck run is kept', () => {
    const [f] = selectFailingContainers([{ ...base, health: 'unhealthy', probes: [{ exitCode: 1, output: 'first' }, { exitCode: 0, output: 'ok' }, { exitCode: 7, output: 'last' }] }], false);
    assert.deepEqual(f!.healthOutput, { exitCode: 7, output: 'last' });
  });
});

describe('renderFailureReport', () => {
  test('reason, healthcheck output and log lines, secrets masked', () => {
    const text = renderFailureReport([
      { service: 'db', container: 'p-db-1', reason: 'unhealthy (its healthcheck fails)', healthOutput: { exitCode: 1, output: 'auth failed for s3cret\n' }, logs: 'boot\nusing s3cret\n' },
      { service: 'job', container: 'p-job-1', reason: 'exited with code 2', logs: '' },
    ], 20, ['s3cret']);
    assert.equal(text, [
      '✖ db (p-db-1): unhealthy (its healthcheck fails)',
      '  last failing healthcheck (exit 1):',
      '    auth failed for [redacted]',
      '  last 20 log lines:',
      '    boot',
      '    using [redacted]',
      '✖ job (p-job-1): exited with code 2',
      '  (no log output)',
      '',
    ].join('\n'));
  });
});
