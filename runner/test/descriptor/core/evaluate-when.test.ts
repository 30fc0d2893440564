import { deepStrictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateWhen, findWhenSyntaxError } from '../../../src/descriptor/core/evaluate-when';

describe('evaluateWhen', () => {
  const env = { ON: 'on', OFF: 'off', EMPTY: '', ONE: '1', ZERO: '0', FALSE: 'False', NO: 'NO', YES: 'yes', PADDED: '  off  ' };
  const cases: Array<{ when: string | boolean | undefined; run: boolean; value: string }> = [
    { when: undefined, run: true, value: '' },
    { when: true, run: true, value: 'true' },
    { when: false, run: false, value: 'false' },
    { when: '${ON}', run: true, value: 'on' },
    { when: '${OFF}', run: false, value: 'off' },
    { when: '${EMPTY}', run: false, value: '' },
    { when: '${UNSET}', run: false, value: '' },
    { when: '${ONE}', run: true, value: '1' },
    { when: '${ZERO}', run: false, value: '0' },
    { when: '${FALSE}', run: false, value: 'False' },
    { when: '${NO}', run: false, value: 'NO' },
    { when: '${YES}', run: true, value: 'yes' },
    { when: '${PADDED}', run: false, value: '  off  ' },
    { when: '$ON', run: true, value: 'on' },
    { when: '${UNSET:-on}', run: true, value: 'on' },
    { when: '${EMPTY:-on}', run: true, value: 'on' },
    { when: '${EMPTY-on}', run: false, value: '' },
    { when: '${UNSET-on}', run: true, value: 'on' },
    { when: '${ON:-off}', run: true, value: 'on' },
    { when: '$$ON', run: true, value: '$ON' },
    { when: '${ZERO}${ZERO}', run: true, value: '00' },
    { when: 'off', run: false, value: 'off' },
    { when: '', run: false, value: '' },
  ];
  for (const c of cases) {
    it(`${JSON.stringify(c.when)} → ${c.run ? 'runs' : 'skips'}`, () => {
      const d = evaluateWhen(c.when, env);
      deepStrictEqual([d.run, d.value], [c.run, c.value]);
    });
  }
});

describe('findWhenSyntaxError', () => {
  const cases: Array<{ when: string; expected: string | undefined }> = [
    { when: '${A}', expected: undefined },
    { when: '$A and ${B:-x} and ${C-y} and $$', expected: undefined },
    { when: 'no dollar', expected: undefined },
    { when: '${A:?required}', expected: 'cannot read "${A:?required}": use ${VAR}, ${VAR:-default}, $VAR or $$' },
    { when: '$A ${1}', expected: 'cannot read "${1}": use ${VAR}, ${VAR:-default}, $VAR or $$' },
    { when: 'x $', expected: 'cannot read "$": use ${VAR}, ${VAR:-default}, $VAR or $$' },
    { when: '${A', expected: 'cannot read "${A": use ${VAR}, ${VAR:-default}, $VAR or $$' },
  ];
  for (const c of cases) it(c.when, () => deepStrictEqual(findWhenSyntaxError(c.when), c.expected));
});
