import { deepStrictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as v from 'valibot';
import { logInfoAction } from '../../../src/workflow/actions/log-info';
import { createFakeDeps } from '../../support/fake-deps';
import { planContext } from '../../support/compose-plan-context';

describe('log.info action', () => {
  it('plans and logs its message, running no process', async () => {
    const deps = createFakeDeps();
    const params = v.parse(logInfoAction.params, { message: 'migrations next' });
    deepStrictEqual(logInfoAction.plan(params, planContext), { description: 'log "migrations next"' });
    deepStrictEqual(await logInfoAction.run(params, { ...planContext, deps, log: deps.log }), { summary: 'migrations next' });
    deepStrictEqual([deps.logs, deps.calls], [['info: migrations next'], []]);
  });

  it('an empty message is rejected', () => {
    const r = v.safeParse(logInfoAction.params, { message: '' });
    deepStrictEqual(r.issues?.[0].message, 'must not be empty');
  });
});
