import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as v from 'valibot';
import { composePsAction } from '../../../src/workflow/actions/compose-ps';
import { composeHead, planContext } from '../../support/compose-plan-context';

const cases: Array<{ name: string; params: unknown; expected: { description: string; argv: string[] } }> = [
  { name: 'defaults', params: {}, expected: { description: 'compose ps', argv: [...composeHead, 'ps'] } },
  { name: 'all, one service', params: { all: true, services: ['hello'] }, expected: { description: 'compose ps hello', argv: [...composeHead, 'ps', '--all', 'hello'] } },
];

for (const c of cases) {
  test(`compose.ps plan: ${c.name}`, () => {
    assert.deepStrictEqual(composePsAction.plan(v.parse(composePsAction.params, c.params), planContext), c.expected);
  });
}

test('compose.ps params: an unknown key is rejected', () => {
  assert.equal(v.safeParse(composePsAction.params, { quiet: true }).success, false);
});
