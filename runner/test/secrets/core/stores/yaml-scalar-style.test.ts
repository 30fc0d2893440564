// yaml.v3's typing of plain scalars and its choice of string style, on the short forms that skip the full analysis.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderYamlStore } from '../../../../src/secrets/core/stores/yaml-render';
import { resolvePlainScalar } from '../../../../src/secrets/core/stores/yaml-scalar';
import { selectStringStyle } from '../../../../src/secrets/core/stores/yaml-scalar-style';

test('plain scalars: only ~, n, t, f, ., +, - and digits can start a non-string', () => {
  const cases: Array<[string, unknown]> = [
    ['hello', { type: 'str', value: 'hello' }], ['ENC[AES256_GCM,data:x]', { type: 'str', value: 'ENC[AES256_GCM,data:x]' }],
    ['_1', { type: 'str', value: '_1' }], ['Yes', { type: 'str', value: 'Yes' }], ['nULL', { type: 'str', value: 'nULL' }],
    ['tRUE', { type: 'str', value: 'tRUE' }], ['NULL', { type: 'null' }], ['FALSE', { type: 'bool', value: false }],
    ['+1', { type: 'int', value: '1' }], ['+', { type: 'str', value: '+' }], ['.', { type: 'str', value: '.' }],
    ['.NaN', { type: 'float', value: NaN }], ['+.inf', { type: 'float', value: Infinity }], ['-0x10', { type: 'int', value: '-16' }],
    ['0b101', { type: 'int', value: '5' }], ['12:30', { type: 'str', value: '12:30' }], ['1.5e3', { type: 'float', value: 1500 }],
  ];
  for (const [input, expected] of cases) assert.deepStrictEqual(resolvePlainScalar(input), expected, input);
});

test('string styles of strings without spaces, breaks or colons', () => {
  const cases: Array<[string, string]> = [
    ['abc', 'plain'], ['True', 'double'], ['yes', 'double'], ['Off', 'double'], ['y', 'double'], ['null', 'double'], ['nULL', 'plain'],
    ['0x1F', 'double'], ['1_000', 'double'], ['1e3', 'double'], ['1.5', 'double'], ['2024-01-01', 'double'], ['123abc', 'plain'],
    ['a#b', 'plain'], ['a,b', 'plain'], ['a[b]{c}', 'plain'], ['abc-', 'plain'], ['a"b', 'plain'], ["a'b", 'plain'], ['a|b>', 'plain'],
    ['_x', 'plain'], ['x\\y', 'plain'], ['a~', 'plain'], ['abc:', 'single'], ['a:b', 'plain'], ['-abc', 'plain'], ['.abc', 'plain'],
    ['ENC[AES256_GCM,data:x,iv:y,tag:z,type:str]', 'plain'], ['#a', 'single'], ['a\u00e9', 'plain'], ['a\u007f', 'double'],
  ];
  for (const [input, expected] of cases) {
    assert.equal(selectStringStyle(input), expected, JSON.stringify(input));
    assert.equal(selectStringStyle(input, true), expected, `key ${JSON.stringify(input)}`);
  }
});

test('rendering keys and values in those styles', () => {
  const branch = {
    type: 'map' as const,
    items: [
      { type: 'entry' as const, key: 'yes', value: { type: 'str' as const, value: 'abc' } },
      { type: 'entry' as const, key: 'a#b', value: { type: 'list' as const, items: [{ type: 'str' as const, value: '1e3' }, { type: 'str' as const, value: 'abc:' }] } },
    ],
  };
  assert.equal(renderYamlStore([branch]), '"yes": abc\na#b:\n    - "1e3"\n    - \'abc:\'\n');
});
