import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandVariables, VariableReferenceError } from '../../../src/env/core/expand-variables';

const VARS: Record<string, string> = { SET: 'value', EMPTY: '', DOLLAR: 'a$b' };
const lookup = (name: string) => VARS[name];

test('expandVariables: every Compose form', () => {
  const cases = [
    { input: '$SET', expected: { value: 'value', unset: [] } },
    { input: '${SET}-$SET.x', expected: { value: 'value-value.x', unset: [] } },
    { input: '${NOPE:-d} ${EMPTY:-d} ${SET:-d}', expected: { value: 'd d value', unset: [] } },
    { input: '${NOPE-d} ${EMPTY-d} ${SET-d}', expected: { value: 'd  value', unset: [] } },
    { input: '${NOPE:+a}|${EMPTY:+a}|${SET:+a}', expected: { value: '||a', unset: [] } },
    { input: '${NOPE+a}|${EMPTY+a}|${SET+a}', expected: { value: '|a|a', unset: [] } },
    { input: '${SET:?m} ${EMPTY?m}', expected: { value: 'value ', unset: [] } },
    { input: '$$SET $${SET} x$ $1', expected: { value: '$SET ${SET} x$ $1', unset: [] } },
    { input: '${NOPE:-${ALSO:-${SET}}}', expected: { value: 'value', unset: [] } },
    { input: '${SET:-x}}', expected: { value: 'value}', unset: [] } },
    { input: '${NOPE}}', expected: { value: '}', unset: ['NOPE'] } },
    { input: '${NOPE:-a}${NOPE2:-b}', expected: { value: 'ab', unset: [] } },
    { input: '[$NOPE] [${NOPE2}]', expected: { value: '[] []', unset: ['NOPE', 'NOPE2'] } },
    { input: '${DOLLAR}', expected: { value: 'a$b', unset: [] } },
    { input: '${set:-lower}', expected: { value: 'lower', unset: [] } },
    { input: '$\u017f', expected: { value: '', unset: ['\u017f'] } },
  ];
  for (const c of cases) assert.deepStrictEqual(expandVariables(c.input, lookup), c.expected, c.input);
});

test('expandVariables: errors', () => {
  const cases = [
    { input: '${NOPE:?must be set}', expected: 'required variable NOPE is missing a value: must be set' },
    { input: '${EMPTY:?}', expected: 'required variable EMPTY is missing a value' },
    { input: '${NOPE?${SET}}', expected: 'required variable NOPE is missing a value: value' },
    { input: '${1}', expected: 'invalid variable reference "${"' },
    { input: 'a ${', expected: 'invalid variable reference "${"' },
    { input: '${SET:-a\nb}', expected: 'invalid variable reference "${"' },
  ];
  for (const c of cases) {
    assert.throws(() => expandVariables(c.input, lookup), (err: unknown) => err instanceof VariableReferenceError && err.message === c.expected, c.input);
  }
});
