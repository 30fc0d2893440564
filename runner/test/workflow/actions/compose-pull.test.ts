import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as v from 'valibot';
import { composePullAction } from '../../../src/workflow/actions/compose-pull';
import { composeHead, planContext } from '../../support/compose-plan-context';

const cases: Array<{ name: string; params: unknown; expected: { description: string; argv: string[] } }> = [
  { name: 'defaults', params: {}, expected: { description: 'compose pull', argv: [...composeHead, 'pull'] } },
  {
    name: 'every flag',
    params: { services: ['webui'], ignoreFailures: true, ignoreBuildable: true },
    expected: { description: 'compose pull webui', argv: [...composeHead, 'pull', '--ignore-pull-failures', '--ignore-buildable', 'webui'] },
  },
];

for (const c of cases) {
  test(`compose.pull plan: ${c.name}`, () => {
    assert.deepStrictEqual(composePullAction.plan(v.parse(composePullAction.params, c.params), planContext), c.expected);
  });
}

test('compose.pull params: a string instead of a list is rejected', () => {
  assert.equal(v.safeParse(composePullAction.params, { services: 'webui' }).success, false);
});
