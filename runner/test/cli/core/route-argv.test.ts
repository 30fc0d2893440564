import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { routeArgv } from '../../../src/cli/core/route-argv';

const NAMES = ['up', 'logs', 'env', 'env explain', 'secrets decrypt', 'secrets encrypt', 'runner save', 'doctor'];

const cases: Array<{ name: string; argv: string[]; expected: ReturnType<typeof routeArgv> }> = [
  { name: 'empty', argv: [], expected: { argv: [], command: undefined, group: undefined } },
  { name: 'one-word command', argv: ['up', 'ollama'], expected: { argv: ['up', 'ollama'], command: 'up', group: undefined } },
  { name: 'two-word command becomes one token', argv: ['secrets', 'decrypt', 'a.env'], expected: { argv: ['secrets decrypt', 'a.env'], command: 'secrets decrypt', group: undefined } },
  { name: 'a command that is also a group prefix', argv: ['env', '--json'], expected: { argv: ['env', '--json'], command: 'env', group: undefined } },
  { name: 'its subcommand wins', argv: ['env', 'explain', 'FOO'], expected: { argv: ['env explain', 'FOO'], command: 'env explain', group: undefined } },
  { name: 'global flags before the command stay in place', argv: ['--debug', 'secrets', 'decrypt', 'f'], expected: { argv: ['--debug', 'secrets decrypt', 'f'], command: 'secrets decrypt', group: undefined } },
  { name: 'group without a subcommand', argv: ['secrets'], expected: { argv: ['secrets'], command: undefined, group: 'secrets' } },
  { name: 'group with an unknown subcommand', argv: ['secrets', 'nope'], expected: { argv: ['secrets', 'nope'], command: undefined, group: 'secrets' } },
  { name: 'v1 order: service then command', argv: ['ollama', 'logs', '-n', '5'], expected: { argv: ['logs', 'ollama', '-n', '5'], command: 'logs', group: undefined } },
  { name: 'v1 order is not applied onto a group word', argv: ['x', 'secrets'], expected: { argv: ['x', 'secrets'], command: undefined, group: undefined } },
  { name: 'unknown word', argv: ['nope'], expected: { argv: ['nope'], command: undefined, group: undefined } },
  { name: 'only flags', argv: ['--version'], expected: { argv: ['--version'], command: undefined, group: undefined } },
  { name: 'nothing is routed after --', argv: ['--', 'up'], expected: { argv: ['--', 'up'], command: undefined, group: undefined } },
];

for (const c of cases) {
  test(`routeArgv: ${c.name}`, () => assert.deepEqual(routeArgv(c.argv, NAMES), c.expected));
}
