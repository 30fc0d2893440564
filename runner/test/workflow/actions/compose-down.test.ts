import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as v from 'valibot';
import { composeDownAction } from '../../../src/workflow/actions/compose-down';
import { composeHead, planContext } from '../../support/compose-plan-context';

const cases: Array<{ name: string; params: unknown; expected: { description: string; argv: string[] } }> = [
  { name: 'defaults: remove orphans, keep volumes', params: {}, expected: { description: 'compose down', argv: [...composeHead, 'down', '--remove-orphans'] } },
  { name: 'volumes', params: { volumes: true }, expected: { description: 'compose down (and volumes)', argv: [...composeHead, 'down', '--remove-orphans', '--volumes'] } },
  {
    name: 'services, timeout, keep orphans',
    params: { services: ['greeter'], timeout: 0, removeOrphans: false },
    expected: { description: 'compose down greeter', argv: [...composeHead, 'down', '--timeout', '0', 'greeter'] },
  },
];

for (const c of cases) {
  test(`compose.down plan: ${c.name}`, () => {
    assert.deepStrictEqual(composeDownAction.plan(v.parse(composeDownAction.params, c.params), planContext), c.expected);
  });
}

test('compose.down params: a negative timeout is rejected', () => {
  assert.equal(v.safeParse(composeDownAction.params, { timeout: -1 }).issues?.[0].message, 'must not be negative');
});
