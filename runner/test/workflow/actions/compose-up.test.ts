import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as v from 'valibot';
import { composeUpAction } from '../../../src/workflow/actions/compose-up';
import { composeHead, planContext } from '../../support/compose-plan-context';

const cases: Array<{ name: string; params: unknown; expected: { description: string; argv: string[] } }> = [
  { name: 'defaults: detached, wait, remove orphans', params: {}, expected: { description: 'compose up hello', argv: [...composeHead, 'up', '-d', '--wait', '--remove-orphans'] } },
  {
    name: 'every flag',
    params: { services: ['hello', 'greeter'], waitTimeout: 90, build: true, pull: 'never', removeOrphans: false, forceRecreate: true },
    expected: {
      description: 'compose up hello greeter',
      argv: [...composeHead, 'up', '-d', '--wait', '--wait-timeout', '90', '--build', '--pull', 'never', '--force-recreate', 'hello', 'greeter'],
    },
  },
  { name: 'no wait drops the wait timeout too', params: { wait: false, waitTimeout: 5 }, expected: { description: 'compose up hello', argv: [...composeHead, 'up', '-d', '--remove-orphans'] } },
  { name: 'build: false is --no-build', params: { build: false }, expected: { description: 'compose up hello', argv: [...composeHead, 'up', '-d', '--wait', '--remove-orphans', '--no-build'] } },
];

for (const c of cases) {
  test(`compose.up plan: ${c.name}`, () => {
    const params = v.parse(composeUpAction.params, c.params);
    assert.deepStrictEqual(composeUpAction.plan(params, planContext), c.expected);
  });
}

const bad: Array<{ name: string; params: unknown; message: string }> = [
  { name: 'unknown key', params: { servics: ['x'] }, message: 'Invalid key: Expected never but received "servics"' },
  { name: 'bad pull policy', params: { pull: 'sometimes' }, message: 'must be always, missing or never' },
  { name: 'wait timeout not whole', params: { waitTimeout: 1.5 }, message: 'must be a whole number' },
  { name: 'empty service name', params: { services: [''] }, message: 'must not be empty' },
];

for (const c of bad) {
  test(`compose.up params: ${c.name} is rejected`, () => {
    const r = v.safeParse(composeUpAction.params, c.params);
    assert.equal(r.success, false);
    assert.equal(r.issues?.[0].message, c.message);
  });
}

test('compose.up plan: the compose env never reaches argv', () => {
  const planned = composeUpAction.plan(v.parse(composeUpAction.params, {}), planContext);
  assert.ok(!planned.argv?.some((word) => word.includes('never-on-argv')));
});
