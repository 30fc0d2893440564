import { deepStrictEqual, rejects } from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Step } from '../../src/descriptor/core/descriptor-schema';
import { runStage, type StageEvent } from '../../src/workflow/run-stage';
import { createFakeDeps } from '../support/fake-deps';
import { createFakeActions, SELECTION } from './fake-stage-actions';

/** A clock that advances 100 ms per reading, so durations are known. */
function fakeClock(): () => number {
  let t = 0;
  return () => (t += 100);
}

async function run(steps: Step[], env: Record<string, string> = {}) {
  const deps = createFakeDeps();
  const { actions, ran } = createFakeActions();
  const events: StageEvent[] = [];
  const ctx = { deps, home: '/srv/harbor', projectName: 'demo', selection: SELECTION, composeEnv: env, dryRun: false };
  const result = await runStage('deploy', steps, ctx, { actions, now: fakeClock(), onEvent: (e) => events.push(e) });
  return { result, ran, logs: deps.logs, events, calls: deps.calls };
}

describe('runStage', () => {
  it('runs steps in order and reports each', async () => {
    const { result, ran, logs } = await run([
      { action: 'fake.ok', id: 'a' },
      { action: 'fake.ok', id: 'b', name: 'second', urls: ['http://localhost:8080'] },
    ]);
    deepStrictEqual(ran, ['deploy:fake.ok:a', 'deploy:fake.ok:b']);
    deepStrictEqual(result, {
      stage: 'deploy',
      ok: true,
      durationMs: 500,
      steps: [
        { index: 0, label: 'deploy[0]', action: 'fake.ok', name: undefined, status: 'ok', durationMs: 100, summary: 'did a', urls: undefined, data: { id: 'a' } },
        { index: 1, label: 'deploy[1]', action: 'fake.ok', name: 'second', status: 'ok', durationMs: 100, summary: 'did b', urls: ['http://localhost:8080'], data: { id: 'b' } },
      ],
    });
    deepStrictEqual(logs, ['start: deploy[0] fake.ok …', 'success: deploy[0] fake.ok (100ms): did a', 'start: deploy[1] fake.ok (second) …', 'success: deploy[1] fake.ok (second) (100ms): did b']);
  });

  const whenCases: Array<{ name: string; when: string | boolean; env: Record<string, string>; runs: boolean; log?: string }> = [
    { name: 'unset variable skips', when: '${ENABLE_TUNNEL}', env: {}, runs: false, log: 'log: ↷ deploy[0] fake.ok skipped (when: ${ENABLE_TUNNEL} is "")' },
    { name: '"off" skips (any case)', when: '${ENABLE_TUNNEL}', env: { ENABLE_TUNNEL: 'OFF' }, runs: false, log: 'log: ↷ deploy[0] fake.ok skipped (when: ${ENABLE_TUNNEL} is "OFF")' },
    { name: '"false" skips', when: '$X', env: { X: 'false' }, runs: false },
    { name: '"0" skips', when: '${X}', env: { X: '0' }, runs: false },
    { name: '"No" skips', when: '${X}', env: { X: 'No' }, runs: false },
    { name: 'spaces only skip', when: ' ${X} ', env: { X: ' ' }, runs: false },
    { name: 'boolean false skips', when: false, env: {}, runs: false, log: 'log: ↷ deploy[0] fake.ok skipped (when: false is "false")' },
    { name: '"1" runs', when: '${X}', env: { X: '1' }, runs: true },
    { name: '"yes" runs', when: '${X}', env: { X: 'yes' }, runs: true },
    { name: 'any other text runs', when: '${X}', env: { X: 'offline' }, runs: true },
    { name: 'a default applies when unset', when: '${X:-on}', env: {}, runs: true },
    { name: 'literal text runs', when: 'always', env: {}, runs: true },
    { name: 'boolean true runs', when: true, env: {}, runs: true },
  ];
  for (const c of whenCases) {
    it(`when: ${c.name}`, async () => {
      const { result, ran, logs } = await run([{ action: 'fake.ok', id: 'a', when: c.when }], c.env);
      deepStrictEqual([ran.length, result.steps[0]!.status], [c.runs ? 1 : 0, c.runs ? 'ok' : 'skipped']);
      if (c.log) deepStrictEqual(logs, [c.log]);
    });
  }

  it('a failing step stops the stage with its error; later steps are not run', async () => {
    const { result, ran, logs } = await run([
      { action: 'fake.ok', id: 'a' },
      { action: 'fake.fail', id: 'b', exitCode: 15 },
      { action: 'fake.ok', id: 'c' },
    ]);
    deepStrictEqual(ran, ['deploy:fake.ok:a', 'deploy:fake.fail:b']);
    deepStrictEqual([result.ok, result.steps.map((s) => s.status), result.steps[1]!.error], [
      false,
      ['ok', 'failed', 'not-run'],
      { message: 'docker compose up failed (exit 15)', code: 'COMMAND', exitCode: 15 },
    ]);
    deepStrictEqual([(result.error as Error).message, (result.error as { exitCode: number }).exitCode], ['docker compose up failed (exit 15)', 15]);
    deepStrictEqual(logs.slice(2), ['start: deploy[1] fake.fail …', 'fail: deploy[1] fake.fail failed (100ms)']);
  });

  it('continueOnError: the step fails alone and the stage goes on', async () => {
    const { result, ran, logs } = await run([
      { action: 'fake.fail', id: 'a', continueOnError: true },
      { action: 'fake.ok', id: 'b' },
    ]);
    deepStrictEqual(ran, ['deploy:fake.fail:a', 'deploy:fake.ok:b']);
    deepStrictEqual([result.ok, result.error, result.steps.map((s) => s.status)], [true, undefined, ['failed', 'ok']]);
    deepStrictEqual(logs[1], 'warn: deploy[0] fake.fail failed (100ms): docker compose up failed (exit 17) (continueOnError: going on)');
  });

  it('progress events: start and end per run step, end only for a skipped one', async () => {
    const { events } = await run([{ action: 'fake.ok', id: 'a' }, { action: 'fake.ok', id: 'b', when: 'off' }]);
    deepStrictEqual(events.map((e) => (e.type === 'start' ? `start ${e.label}` : `end ${e.report.label} ${e.report.status}`)), ['start deploy[0]', 'end deploy[0] ok', 'end deploy[1] skipped']);
  });

  it('an empty stage succeeds and does nothing', async () => {
    const { result, ran } = await run([]);
    deepStrictEqual([result.ok, result.steps, ran], [true, [], []]);
  });

  const badSteps: Array<{ name: string; steps: Step[]; message: string }> = [
    { name: 'unknown action', steps: [{ action: 'fake.ok', id: 'a' }, { action: 'fake.okk' }], message: 'deploy.steps[1].action: unknown action "fake.okk" (did you mean fake.ok?)' },
    { name: 'bad params', steps: [{ action: 'fake.ok', id: 'a' }, { action: 'fake.ok', id: 3 }], message: 'deploy.steps[1].id: expected a string, got 3' },
    { name: 'unknown param', steps: [{ action: 'fake.ok', idd: 'a' }], message: 'deploy.steps[0].idd: unknown key "idd" for fake.ok (did you mean id?)' },
    { name: 'bad when', steps: [{ action: 'fake.ok', id: 'a', when: '${X:?}' }], message: 'deploy.steps[0].when: cannot read "${X:?}": use ${VAR}, ${VAR:-default}, $VAR or $$' },
  ];
  for (const c of badSteps) {
    it(`${c.name}: a descriptor error before any step runs`, async () => {
      const deps = createFakeDeps();
      const { actions, ran } = createFakeActions();
      const ctx = { deps, home: '/h', projectName: 'demo', selection: SELECTION, composeEnv: {}, dryRun: false };
      await rejects(runStage('deploy', c.steps, ctx, { actions }), { name: 'DescriptorError', message: c.message });
      deepStrictEqual([ran, deps.logs], [[], []]);
    });
  }
});
