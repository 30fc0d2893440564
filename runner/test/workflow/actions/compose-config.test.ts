import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as v from 'valibot';
import { composeConfigAction } from '../../../src/workflow/actions/compose-config';
import { composeHead, planContext } from '../../support/compose-plan-context';

test('compose.config plan: validates quietly, prints no model', () => {
  assert.deepStrictEqual(composeConfigAction.plan(v.parse(composeConfigAction.params, {}), planContext), {
    description: 'compose config: validate 2 compose file(s)',
    argv: [...composeHead, 'config', '--quiet'],
  });
});

test('compose.config params: none are accepted', () => {
  assert.equal(v.safeParse(composeConfigAction.params, { quiet: false }).success, false);
});
