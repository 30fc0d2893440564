import { deepStrictEqual, equal } from 'node:assert/strict';
import { test } from 'node:test';
import { parseRoutineMessage, renderRoutineMessage, selectRoutineLocation } from '../../../src/hooks/core/routine-protocol';
import { renderHostEnv } from '../../../src/hooks/core/render-host-env';

const messages = [
  { name: 'output', line: 'hello', expected: undefined },
  { name: 'a compose request', line: renderRoutineMessage({ type: 'compose', id: 2, args: ['ps'] }).trimEnd(), expected: { type: 'compose', id: 2, args: ['ps'] } },
  { name: 'an error with its place', line: renderRoutineMessage({ type: 'error', message: 'boom', location: 'a.ts:3' }).trimEnd(), expected: { type: 'error', message: 'boom', location: 'a.ts:3' } },
  { name: 'broken JSON', line: '\u001eharbor:{', expected: { type: 'error', message: 'the routine sent a malformed message' } },
  { name: 'compose args must be words', line: '\u001eharbor:{"type":"compose","id":1,"args":[1]}', expected: { type: 'error', message: 'the routine sent a message the runner does not know' } },
];
for (const c of messages) test(`parseRoutineMessage: ${c.name}`, () => deepStrictEqual(parseRoutineMessage(c.line), c.expected));

const stacks = [
  { name: "the routine's own frame, not Harbor's", stack: 'Error: x\n    at f (/opt/harbor/harbor.cjs:1:2)\n    at default (/h/stacks/a/check.ts:4:9)\n    at g (/h/stacks/a/lib.ts:9:1)', expected: 'stacks/a/check.ts:4' },
  { name: 'a file: URL frame', stack: 'Error: x\n    at file:///h/hooks/c.mjs:7:3', expected: 'hooks/c.mjs:7' },
  { name: 'no frame in the home', stack: 'Error: x\n    at node:internal/x:1:1', expected: undefined },
];
for (const c of stacks) test(`selectRoutineLocation: ${c.name}`, () => equal(selectRoutineLocation(c.stack, '/h'), c.expected));

test('renderHostEnv: single-quoted export lines; names a shell cannot hold are left out', () => {
  equal(renderHostEnv({ A: "it's", B: 'two\nlines $HOME `x`', 'bad-name': 'x' }), "export A='it'\\''s'\nexport B='two\nlines $HOME `x`'\n");
});
