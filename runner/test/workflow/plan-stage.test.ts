import { deepStrictEqual, throws } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planStage } from '../../src/workflow/plan-stage';
import { renderStagePlan } from '../../src/workflow/render-stage-plan';
import { createFakeActions, SELECTION } from './fake-stage-actions';

const ctx = { home: '/srv/harbor', projectName: 'demo', selection: SELECTION, composeEnv: { FLAG: 'off' }, dryRun: true };

describe('planStage (dry run)', () => {
  it('plans every step with its command and when-decision, running none', () => {
    const { actions, ran } = createFakeActions();
    const plan = planStage(
      'deploy',
      [
        { action: 'fake.ok', id: 'a', name: 'first' },
        { action: 'fake.fail', id: 'b', when: '${FLAG}', continueOnError: true },
        { action: 'fake.ok', id: "it's", when: '${OTHER:-on}' },
      ],
      ctx,
      { actions },
    );
    deepStrictEqual(ran, []);
    deepStrictEqual(plan, {
      stage: 'deploy',
      steps: [
        { index: 0, label: 'deploy[0]', action: 'fake.ok', name: 'first', description: 'ok a', argv: ['fake', 'demo', 'a'], when: undefined, skip: undefined, continueOnError: false },
        { index: 1, label: 'deploy[1]', action: 'fake.fail', name: undefined, description: 'fail b', argv: undefined, when: '${FLAG}', skip: { expression: '${FLAG}', value: 'off' }, continueOnError: true },
        { index: 2, label: 'deploy[2]', action: 'fake.ok', name: undefined, description: "ok it's", argv: ['fake', 'demo', "it's"], when: '${OTHER:-on}', skip: undefined, continueOnError: false },
      ],
    });
    deepStrictEqual(renderStagePlan(plan).split('\n'), [
      'deploy: 3 steps',
      '  deploy[0] fake.ok (first): ok a',
      '    $ fake demo a',
      '  deploy[1] fake.fail: fail b  [skipped: when ${FLAG} is "off"; continueOnError]',
      '  deploy[2] fake.ok: ok it\'s  [when ${OTHER:-on}]',
      "    $ fake demo 'it'\\''s'",
      '',
    ]);
  });

  it('the env given decides when (runner env + compose env)', () => {
    const { actions } = createFakeActions();
    const plan = planStage('deploy', [{ action: 'fake.ok', id: 'a', when: '${FLAG}' }], ctx, { actions, env: { FLAG: 'yes' } });
    deepStrictEqual(plan.steps[0]!.skip, undefined);
  });

  it('an empty stage', () => {
    deepStrictEqual(renderStagePlan(planStage('destroy', [], ctx, { actions: [] })), 'destroy: no steps\n');
  });

  it('an unknown action is a descriptor error', () => {
    const { actions } = createFakeActions();
    throws(() => planStage('deploy', [{ action: 'nope' }], ctx, { actions }), { name: 'DescriptorError', message: 'deploy.steps[0].action: unknown action "nope"' });
  });
});
