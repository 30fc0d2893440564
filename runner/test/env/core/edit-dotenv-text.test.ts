import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { editDotenvText } from '../../../src/env/core/edit-dotenv-text';
import { parseDotenv } from '../../../src/env/core/parse-dotenv';

const cases: Array<{ name: string; text: string; key: string; value: string | undefined; expected: string; outcome: string }> = [
  { name: 'appends a new name to an empty file', text: '', key: 'A', value: '1', expected: 'A=1\n', outcome: 'added' },
  { name: 'appends after a last line without newline', text: '# c\nB=2', key: 'A', value: '1', expected: '# c\nB=2\nA=1\n', outcome: 'added' },
  { name: 'changes in place, keeping comments and order', text: '# top\nA=1\n# mid\nB=2\n', key: 'A', value: '9', expected: '# top\nA=9\n# mid\nB=2\n', outcome: 'changed' },
  { name: 'keeps export and a trailing comment', text: 'export A=1 # why\n', key: 'A', value: '2', expected: 'export A=2 # why\n', outcome: 'changed' },
  { name: 'changes the last statement (the one that wins)', text: 'A=1\nA=2\n', key: 'A', value: '3', expected: 'A=1\nA=3\n', outcome: 'changed' },
  { name: 'replaces a multi-line quoted value whole', text: 'A="x\ny" # c\nB=2\n', key: 'A', value: 'z', expected: 'A=z # c\nB=2\n', outcome: 'changed' },
  { name: 'quotes a value with spaces and $', text: 'A=1\n', key: 'A', value: 'a $b', expected: "A='a $b'\n", outcome: 'changed' },
  { name: 'same value: unchanged text', text: 'A=1 # c\n', key: 'A', value: '1', expected: 'A=1 # c\n', outcome: 'unchanged' },
  { name: 'unset removes every statement, comments stay', text: '# a\nA=1\nB=2\nA="x\ny"\n', key: 'A', value: undefined, expected: '# a\nB=2\n', outcome: 'removed' },
  { name: 'unset of an absent name changes nothing', text: 'B=2\n', key: 'A', value: undefined, expected: 'B=2\n', outcome: 'absent' },
  { name: 'single-quoted value with a colon separator', text: "A: 'v' # k\n", key: 'A', value: 'w', expected: 'A=w # k\n', outcome: 'changed' },
];

describe('editDotenvText', () => {
  for (const c of cases) {
    test(c.name, () => {
      const edit = editDotenvText(c.text, c.key, c.value, 'f.env');
      assert.equal(edit.text, c.expected);
      assert.equal(edit.outcome, c.outcome);
      // What is written reads back, compose's way, to the value set.
      const back = parseDotenv(edit.text, { file: 'f.env' }).entries.filter((e) => e.key === c.key).at(-1)?.value;
      assert.equal(back, c.value);
    });
  }

  test('a bad name is refused', () => {
    assert.throws(() => editDotenvText('', '1A', 'x', 'f.env'), /"1A" is not a variable name/);
  });

  test('a file compose cannot read is refused, naming the line', () => {
    assert.throws(() => editDotenvText('A="open\n', 'B', 'x', 'f.env'), /f\.env.*1|unterminated/);
  });
});
