import { deepStrictEqual, equal, throws } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareYamlKeys, yamlString } from '../../../../src/compose/model/core/yaml-scalar';
import { ComposeModelUnsupported } from '../../../../src/compose/model/core/model-tree';

// Each row was checked against `docker compose config` (compose 2.26, yaml.v3): tests/fixtures/compose-model/cases/yaml-scalars.
const STRINGS: Array<[string, string]> = [
  ['main', 'main'], ['x:1', 'x:1'], ['--port', '--port'], ['8080:80', '8080:80'], ['8000-8010', '8000-8010'],
  ['2023-02-30', '2023-02-30'], ['a#b', 'a#b'], ['a,b', 'a,b'], ['?x', '?x'], ['<<', '<<'], ['0o', '0o'], ["it's", "it's"],
  ['a\\b', 'a\\b'], ['http://x:8080/a?b=c#d', 'http://x:8080/a?b=c#d'],
  ['true', '"true"'], ['yes', '"yes"'], ['on', '"on"'], ['null', '"null"'], ['~', '"~"'], ['', '""'], ['8080', '"8080"'],
  ['0755', '"0755"'], ['0o17', '"0o17"'], ['0x1F', '"0x1F"'], ['0b101', '"0b101"'], ['1.5', '"1.5"'], ['.5', '".5"'],
  ['1e3', '"1e3"'], ['1_000', '"1_000"'], ['-12', '"-12"'], ['1:20', '"1:20"'], ['2024-01-15', '"2024-01-15"'],
  ['a: b', "'a: b'"], ['a:', "'a:'"], ['a #b', "'a #b'"], ['#x', "'#x'"], [' lead', "' lead'"], ['trail ', "'trail '"],
  ['- x', "'- x'"], ['-', "'-'"], ["'q'", "'''q'''"], ['"dq"', `'"dq"'`], ['{x}', "'{x}'"], ['*x', "'*x'"], ['? x', "'? x'"],
  ['---x', "'---x'"], ['...x', "'...x'"],
];

describe('yamlString: how yaml.v3 writes a text in block context', () => {
  for (const [text, written] of STRINGS) it(JSON.stringify(text), () => equal(yamlString(text, 'w'), written));

  for (const text of ['two\nlines', 'tab\there', 'café', '2024-01-15T10:00:00Z']) {
    it(`leaves ${JSON.stringify(text)} to compose`, () => throws(() => yamlString(text, 'w'), ComposeModelUnsupported));
  }
});

describe('compareYamlKeys: the order yaml.v3 prints a map in', () => {
  it('letters before other characters, digit runs as numbers', () => {
    const keys = ['ab', 'a10', 'x001y', 'a_b', 'B', '10', 'a2', 'A', 'a-b', '01', 'x1y', '9', 'a.b', '1', 'x01y'];
    deepStrictEqual([...keys].sort(compareYamlKeys), ['1', '01', '9', '10', 'A', 'B', 'a-b', 'a.b', 'a_b', 'a2', 'a10', 'ab', 'x1y', 'x01y', 'x001y']);
  });
});
