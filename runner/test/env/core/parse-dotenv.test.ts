import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDotenv } from '../../../src/env/core/parse-dotenv';
import { EnvError } from '../../../src/shared/core/errors';

const values = (text: string, lookup?: (n: string) => string | undefined) =>
  Object.fromEntries(parseDotenv(text, { file: 'f.env', lookup }).entries.map((e) => [e.key, e.value]));

test('parseDotenv: values as Compose reads them', () => {
  const cases = [
    { name: 'plain, export, yaml style', input: 'A=1\nexport B=2\nC: 3\nD = 4 ', expected: { A: '1', B: '2', C: '3', D: '4' } },
    { name: 'inline comment needs a space', input: 'A=x # c\nB=x#c\nC=x\t#c', expected: { A: 'x', B: 'x#c', C: 'x\t#c' } },
    { name: 'quotes', input: `A='a\\'b $X'\nB="a\\"b"\nC="x" D=y`, expected: { A: "a'b $X", B: 'a"b', C: 'x', D: 'y' } },
    { name: 'escapes only in double quotes', input: 'A="1\\n2\\$3\\0101"\nB=\'1\\n2\'\nC=1\\n2', expected: { A: '1\n2$3A', B: '1\\n2', C: '1\\n2' } },
    { name: 'multi-line and CRLF', input: '\uFEFFA="x\r\ny"\r\nB=2\r\n', expected: { A: 'x\r\ny', B: '2' } },
    { name: 'own earlier keys before the lookup', input: 'X=own\nA=${X}\nB=${Y}', lookup: (n: string) => ({ X: 'outer', Y: 'outer-y' })[n], expected: { X: 'own', A: 'own', B: 'outer-y' } },
    { name: 'a bare name takes the lookup value', input: 'A\nB\n', lookup: (n: string) => ({ A: 'from-lookup' })[n], expected: { A: 'from-lookup' } },
    { name: 'forward reference is empty', input: 'A=${B}\nB=1', expected: { A: '', B: '1' } },
  ];
  for (const c of cases) assert.deepStrictEqual(values(c.input, c.lookup), c.expected, c.name);
});

test('parseDotenv: lines, references and unresolved names', () => {
  const parsed = parseDotenv('# c\nA=1\n\nB="x\ny"\nC=${A}${Z}\nBARE\n', { file: 'f.env', lookup: (n) => ({ Z: 'z' })[n] });
  assert.deepStrictEqual(parsed, {
    entries: [
      { key: 'A', value: '1', line: 2, inherited: false, references: [], unset: [] },
      { key: 'B', value: 'x\ny', line: 4, inherited: false, references: [], unset: [] },
      { key: 'C', value: '1z', line: 6, inherited: false, references: [{ name: 'A', from: 'file' }, { name: 'Z', from: 'outside' }], unset: [] },
    ],
    unresolved: [{ key: 'BARE', line: 7 }],
  });
});

test('parseDotenv: errors name the file and line; secret files never show values', () => {
  const cases = [
    { input: 'A=1\nB C=2', secret: false, expected: 'f.env:2: key "B C" cannot contain a space' },
    { input: 'A=1\n\nB@x=2', secret: false, expected: 'f.env:3: unexpected character "@" in variable name "B@"' },
    { input: 'A="open\nB=2', secret: false, expected: 'f.env:1: A: unterminated quoted value (no closing ")' },
    { input: 'A=${B:?say why}', secret: false, expected: 'f.env:1: A: required variable B is missing a value: say why' },
    { input: 'A=${B:?hunter2}', secret: true, expected: 'f.env:1: A: required variable B is missing a value' },
    { input: 'A=hunter2${', secret: false, expected: 'f.env:1: A: invalid variable reference in "hunter2${"' },
    { input: 'A=hunter2${', secret: true, expected: 'f.env:1: A: invalid variable reference (not shown: secret file)' },
    { input: 'A=1\nB', secret: false, expected: 'f.env:2: "B" has no "=" (expected NAME=value)' },
    { input: '=1', secret: false, expected: 'f.env:1: a line starts with "=": the variable name is missing' },
  ];
  for (const c of cases) {
    assert.throws(
      () => parseDotenv(c.input, { file: 'f.env', secret: c.secret }),
      (err: unknown) => err instanceof EnvError && err.message === c.expected && err.exitCode === 4,
      c.expected,
    );
  }
});
