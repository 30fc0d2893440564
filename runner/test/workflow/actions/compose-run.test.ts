import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as v from 'valibot';
import { composeRunAction } from '../../../src/workflow/actions/compose-run';
import { composeHead, planContext } from '../../support/compose-plan-context';

const cases: Array<{ name: string; params: unknown; expected: { description: string; argv: string[] } }> = [
  { name: 'defaults: removed afterwards, no TTY', params: { service: 'app' }, expected: { description: 'compose run app', argv: [...composeHead, 'run', '-T', '--rm', 'app'] } },
  {
    name: 'every flag',
    params: { service: 'app', command: ['migrate', '--up'], entrypoint: 'sh', user: '1000:1000', workdir: '/app', rm: false, noDeps: true },
    expected: {
      description: 'compose run app: migrate --up',
      argv: [...composeHead, 'run', '-T', '--no-deps', '--entrypoint', 'sh', '--user', '1000:1000', '--workdir', '/app', 'app', 'migrate', '--up'],
    },
  },
];

for (const c of cases) {
  test(`compose.run plan: ${c.name}`, () => {
    assert.deepStrictEqual(composeRunAction.plan(v.parse(composeRunAction.params, c.params), planContext), c.expected);
  });
}

test('compose.run params: a missing service is rejected', () => {
  assert.equal(v.safeParse(composeRunAction.params, { command: ['x'] }).success, false);
});
