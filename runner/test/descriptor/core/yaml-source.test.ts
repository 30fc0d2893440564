import { deepStrictEqual, throws } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseYamlSource, type PathKey } from '../../../src/descriptor/core/yaml-source';
import { DescriptorError } from '../../../src/shared/core/errors';

const FILE = 'etc/harbor.yaml';

describe('parseYamlSource: malformed YAML reports its own line:col', () => {
  const cases = [
    { name: 'unclosed quote', text: 'version: 1\ndeploy:\n  steps:\n    - action: "x\n', expected: `${FILE}:5:1: malformed YAML: Missing closing "quote` },
    { name: 'duplicate key', text: 'version: 1\nversion: 1\n', expected: `${FILE}:2:1: malformed YAML: Map keys must be unique` },
    { name: 'bad indentation', text: 'deploy:\n  - a\n b: c\n', expected: `${FILE}:3:1: malformed YAML: All mapping items must start at the same column` },
    { name: 'reserved character', text: 'version: 1\nproject: @x\n', expected: `${FILE}:2:10: malformed YAML: Plain value cannot start with reserved character @` },
    {
      name: 'several errors: the first, and how many more',
      text: 'a: 1\na: 2\nb: @x\n',
      expected: `${FILE}:2:1: malformed YAML: Map keys must be unique (and 1 more YAML error)`,
    },
  ];
  for (const c of cases) {
    it(c.name, () => throws(() => parseYamlSource(c.text, FILE), (err: DescriptorError) => err instanceof DescriptorError && err.message === c.expected && err.exitCode === 3));
  }
});

describe('parseYamlSource: value', () => {
  const cases = [
    { name: 'map', text: 'version: 1\n', expected: { version: 1 } },
    { name: 'empty file is an empty map', text: '', expected: {} },
    { name: 'comments only', text: '# yaml-language-server: $schema=./harbor.schema.json\n', expected: {} },
    { name: 'anchors and merge keys', text: 'x-a: &a { b: 1 }\nc: { <<: *a, d: 2 }\n', expected: { 'x-a': { b: 1 }, c: { b: 1, d: 2 } } },
  ];
  for (const c of cases) it(c.name, () => deepStrictEqual(parseYamlSource(c.text, FILE).value, c.expected));
});

describe('parseYamlSource: locate maps a path to line:col', () => {
  const text = ['version: 1', 'deploy:', '  steps:', '    - action: compose.up', '    - { action: log.info, message: hi }', 'profiles: { a: { services: [x] } }', ''].join('\n');
  const source = parseYamlSource(text, FILE);
  const cases: Array<{ name: string; path: PathKey[]; atKey?: boolean; expected: unknown }> = [
    { name: 'root', path: [], expected: { position: { line: 1, col: 1 }, depth: 0 } },
    { name: 'a scalar value', path: ['version'], expected: { position: { line: 1, col: 10 }, depth: 1 } },
    { name: 'a key', path: ['version'], atKey: true, expected: { position: { line: 1, col: 1 }, depth: 1 } },
    { name: 'a block list item', path: ['deploy', 'steps', 0, 'action'], expected: { position: { line: 4, col: 15 }, depth: 4 } },
    { name: 'a flow map item', path: ['deploy', 'steps', 1, 'message'], atKey: true, expected: { position: { line: 5, col: 27 }, depth: 4 } },
    { name: 'flow collections', path: ['profiles', 'a', 'services', 0], expected: { position: { line: 6, col: 29 }, depth: 4 } },
    { name: 'missing key: nearest parent', path: ['deploy', 'steps', 1, 'when'], expected: { position: { line: 5, col: 7 }, depth: 3 } },
    { name: 'index past the end', path: ['deploy', 'steps', 9], expected: { position: { line: 4, col: 5 }, depth: 2 } },
    { name: 'missing at the top', path: ['destroy', 'steps'], expected: { position: { line: 1, col: 1 }, depth: 0 } },
  ];
  for (const c of cases) it(c.name, () => deepStrictEqual(source.locate(c.path, c.atKey), c.expected));
});
