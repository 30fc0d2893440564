// Pure sops pieces: Go number forms, yaml.v3 typing and quoting, Shamir, key paths, crypt rules, YAML comments.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildEncryptionTest } from '../../../src/secrets/core/crypt-rules';
import { formatGoFloatF, formatGoFloatG } from '../../../src/secrets/core/go-scalars';
import { combineShares, splitSecret } from '../../../src/secrets/core/shamir';
import { parseSopsPath, setAtPath, unsetAtPath } from '../../../src/secrets/core/sops-path';
import { parseYamlStore } from '../../../src/secrets/core/stores/yaml-parse';
import { renderYamlStore } from '../../../src/secrets/core/stores/yaml-render';
import { resolvePlainScalar } from '../../../src/secrets/core/stores/yaml-scalar';
import { selectStringStyle } from '../../../src/secrets/core/stores/yaml-scalar-style';

test('Go float forms', () => {
  const cases = [
    { input: 1.5e-7, f: '0.00000015', g: '1.5e-07' },
    { input: 1e21, f: '1000000000000000000000', g: '1e+21' },
    { input: 1234568000, f: '1234568000', g: '1.234568e+09' },
    { input: 5, f: '5', g: '5' },
    { input: -0.5, f: '-0.5', g: '-0.5' },
    { input: 123456, f: '123456', g: '123456' },
  ];
  for (const c of cases) assert.deepStrictEqual([formatGoFloatF(c.input), formatGoFloatG(c.input)], [c.f, c.g], String(c.input));
});

test('yaml.v3 typing of plain scalars', () => {
  const cases: Array<[string, unknown]> = [
    ['', { type: 'null' }], ['~', { type: 'null' }], ['True', { type: 'bool', value: true }], ['yes', { type: 'str', value: 'yes' }],
    ['017', { type: 'int', value: '15' }], ['0x1F', { type: 'int', value: '31' }], ['1_000', { type: 'int', value: '1000' }],
    ['08', { type: 'float', value: 8 }], ['.5', { type: 'float', value: 0.5 }], ['-.inf', { type: 'float', value: -Infinity }],
    ['2024-01-01', { type: 'time', value: '2024-01-01T00:00:00Z' }], ['2024-1-2 3:04:05.50', { type: 'time', value: '2024-01-02T03:04:05.5Z' }],
    ['3.13.2', { type: 'str', value: '3.13.2' }], ['1e3', { type: 'float', value: 1000 }],
  ];
  for (const [input, expected] of cases) assert.deepStrictEqual(resolvePlainScalar(input), expected, input);
});

test('yaml.v3 string styles', () => {
  const cases: Array<[string, string]> = [
    ['plain text', 'plain'], ['true', 'double'], ['2024-01-01T00:00:00Z', 'double'], ['', 'double'], ['on', 'double'],
    ['a: b', 'single'], [' lead', 'single'], ['- x', 'single'], ['two\nlines\n', 'literal'], ['trail \nx', 'double'], ['tab\there', 'double'],
  ];
  for (const [input, expected] of cases) assert.equal(selectStringStyle(input), expected, JSON.stringify(input));
});

test('Shamir: any threshold of shares rebuilds the secret', () => {
  let n = 7;
  const random = (len: number) => Uint8Array.from({ length: len }, () => (n = (n * 73 + 11) % 251));
  const secret = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
  const shares = splitSecret(secret, 3, 2, random);
  for (const pick of [[0, 1], [1, 2], [0, 2]]) assert.deepStrictEqual(combineShares(pick.map((i) => shares[i]!)), secret);
  assert.notDeepStrictEqual(combineShares([shares[0]!]), secret);
});

test('key paths: parse, set and unset', () => {
  assert.deepStrictEqual(parseSopsPath('["a"]["b"][0]'), ['a', 'b', 0]);
  assert.deepStrictEqual(parseSopsPath('DB_PASSWORD'), ['DB_PASSWORD']);
  assert.throws(() => parseSopsPath('["a"'), /invalid key path "\["a"" at character 1/);
  const root = { type: 'map' as const, items: [] };
  const set = setAtPath(root, ['a', 'b'], { type: 'str', value: 'x' });
  assert.deepStrictEqual(set, { type: 'map', items: [{ type: 'entry', key: 'a', value: { type: 'map', items: [{ type: 'entry', key: 'b', value: { type: 'str', value: 'x' } }] } }] });
  assert.deepStrictEqual(unsetAtPath(set, ['a', 'b']), { type: 'map', items: [{ type: 'entry', key: 'a', value: { type: 'map', items: [] } }] });
  assert.throws(() => unsetAtPath(set, ['zz']), /\["zz"\]: not found/);
});

test('crypt rules decide per path component and active comments', () => {
  const cases: Array<{ rule: Parameters<typeof buildEncryptionTest>[0]; path: string[]; comments?: string[][]; isComment?: boolean; expected: boolean }> = [
    { rule: undefined, path: ['a'], expected: true },
    { rule: { name: 'unencrypted_suffix', value: '_unencrypted' }, path: ['x_unencrypted', 'y'], expected: false },
    { rule: { name: 'encrypted_suffix', value: '_secret' }, path: ['db_secret', 'pw'], expected: true },
    { rule: { name: 'encrypted_suffix', value: '_secret' }, path: ['db', 'pw'], expected: false },
    { rule: { name: 'encrypted_regex', value: '^(data|stringData)$' }, path: ['stringData', 'k'], expected: true },
    { rule: { name: 'unencrypted_regex', value: '(?i)^PUBLIC' }, path: ['public_url'], expected: false },
    { rule: { name: 'encrypted_comment_regex', value: 'sops:enc' }, path: ['k'], comments: [[' sops:enc']], expected: true },
    { rule: { name: 'encrypted_comment_regex', value: 'sops:enc' }, path: [], comments: [[' sops:enc']], isComment: true, expected: false },
    { rule: { name: 'unencrypted_comment_regex', value: 'clear' }, path: ['k'], comments: [[' clear'], []], expected: false },
  ];
  for (const c of cases) assert.equal(buildEncryptionTest(c.rule)(c.path, c.comments ?? [[]], c.isComment ?? false), c.expected, JSON.stringify(c));
});

test('YAML comments keep their level through parse and render', () => {
  const text = '# top\na: 1\nb:\n    # head of c\n    c: 2\n    # foot of b\nlist:\n    # head of x\n    - x\n    # foot of list\n# end\n';
  const branches = parseYamlStore(text, 't.yaml');
  assert.equal(renderYamlStore(branches), text);
  const b = branches[0]!.items.find((i) => i.type === 'entry' && i.key === 'b') as { value: { items: unknown[] } };
  assert.deepStrictEqual(b.value.items.filter((i) => (i as { type: string }).type === 'comment'), [{ type: 'comment', value: ' head of c' }, { type: 'comment', value: ' foot of b' }]);
});
