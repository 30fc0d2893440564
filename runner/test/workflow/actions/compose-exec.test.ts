import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as v from 'valibot';
import { composeExecAction } from '../../../src/workflow/actions/compose-exec';
import { composeHead, planContext } from '../../support/compose-plan-context';

const cases: Array<{ name: string; params: unknown; expected: { description: string; argv: string[] } }> = [
  {
    name: 'service and command, no TTY',
    params: { service: 'hello', command: ['ls', '-la', '/www'] },
    expected: { description: 'compose exec hello: ls -la /www', argv: [...composeHead, 'exec', '-T', 'hello', 'ls', '-la', '/www'] },
  },
  {
    name: 'user and workdir; a word with spaces stays one word',
    params: { service: 'db', command: ['sh', '-c', 'echo a b'], user: 'postgres', workdir: '/tmp' },
    expected: { description: 'compose exec db: sh -c echo a b', argv: [...composeHead, 'exec', '-T', '--user', 'postgres', '--workdir', '/tmp', 'db', 'sh', '-c', 'echo a b'] },
  },
];

for (const c of cases) {
  test(`compose.exec plan: ${c.name}`, () => {
    assert.deepStrictEqual(composeExecAction.plan(v.parse(composeExecAction.params, c.params), planContext), c.expected);
  });
}

const bad: Array<{ name: string; params: unknown; message: string }> = [
  { name: 'a shell string as command', params: { service: 'hello', command: 'ls -la' }, message: 'must be a list of words, e.g. [ls, -la] (no shell string)' },
  { name: 'an empty command', params: { service: 'hello', command: [] }, message: 'must name a command' },
  { name: 'an empty service', params: { service: '', command: ['ls'] }, message: 'must name a service' },
];

for (const c of bad) {
  test(`compose.exec params: ${c.name} is rejected`, () => {
    assert.equal(v.safeParse(composeExecAction.params, c.params).issues?.[0].message, c.message);
  });
}
