import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as v from 'valibot';
import { composeLogsAction } from '../../../src/workflow/actions/compose-logs';
import { composeHead, planContext } from '../../support/compose-plan-context';

const cases: Array<{ name: string; params: unknown; expected: { description: string; argv: string[] } }> = [
  { name: 'defaults: last 100 lines, no follow', params: {}, expected: { description: 'compose logs (last 100 lines)', argv: [...composeHead, 'logs', '--tail', '100'] } },
  {
    name: 'every flag',
    params: { services: ['hello'], tail: 0, follow: true, timestamps: true },
    expected: { description: 'compose logs hello (last 0 lines, follow)', argv: [...composeHead, 'logs', '--tail', '0', '--follow', '--timestamps', 'hello'] },
  },
];

for (const c of cases) {
  test(`compose.logs plan: ${c.name}`, () => {
    assert.deepStrictEqual(composeLogsAction.plan(v.parse(composeLogsAction.params, c.params), planContext), c.expected);
  });
}

test('compose.logs params: a negative tail is rejected', () => {
  assert.equal(v.safeParse(composeLogsAction.params, { tail: -5 }).issues?.[0].message, 'must not be negative');
});
