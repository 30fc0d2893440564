import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as v from 'valibot';
import { composeBuildAction } from '../../../src/workflow/actions/compose-build';
import { composeHead, planContext } from '../../support/compose-plan-context';

const cases: Array<{ name: string; params: unknown; expected: { description: string; argv: string[] } }> = [
  { name: 'defaults', params: {}, expected: { description: 'compose build', argv: [...composeHead, 'build'] } },
  {
    name: 'every flag',
    params: { services: ['hello'], pull: true, noCache: true },
    expected: { description: 'compose build hello', argv: [...composeHead, 'build', '--pull', '--no-cache', 'hello'] },
  },
];

for (const c of cases) {
  test(`compose.build plan: ${c.name}`, () => {
    assert.deepStrictEqual(composeBuildAction.plan(v.parse(composeBuildAction.params, c.params), planContext), c.expected);
  });
}

test('compose.build params: a non-boolean noCache is rejected', () => {
  assert.equal(v.safeParse(composeBuildAction.params, { noCache: 'yes' }).success, false);
});
