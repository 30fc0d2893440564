// runner/src/README.md is the current map of the code (regenerate with `npm run map`), and every file has a header line.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readSourceModules } from '../../tools/source-imports';
import { MAP_FILE, readHeaderLine, renderSourceMap, SRC_DIR } from '../../tools/source-map';

test('runner/src/README.md is current (run `npm run map` after adding, moving or re-describing a file)', () => {
  const current = readFileSync(MAP_FILE, 'utf8');
  const expected = renderSourceMap();
  const [have, want] = [new Set(current.split('\n')), new Set(expected.split('\n'))];
  // The lines that differ first (a short message), then the whole text (order).
  assert.deepEqual({ stale: [...have].filter((l) => !want.has(l)), missing: [...want].filter((l) => !have.has(l)) }, { stale: [], missing: [] }, 'run `npm run map`');
  assert.ok(current === expected, 'runner/src/README.md lists the right lines in another order: run `npm run map`');
});

test('every module starts with a one-line `// ` comment saying its job', () => {
  assert.deepEqual(readSourceModules(SRC_DIR).filter((m) => readHeaderLine(m.text) === undefined).map((m) => m.path), []);
});

test('the header line is the first line only', () => {
  const cases = [
    { text: '// Reads the thing.\n// More.\nimport x;\n', expected: 'Reads the thing.' },
    { text: 'import x;\n// Reads.\n', expected: undefined },
    { text: '/** Reads. */\n', expected: undefined },
  ];
  assert.deepEqual(cases.map((c) => readHeaderLine(c.text)), cases.map((c) => c.expected));
});

test('the map lists a file with its header line, under its folder', () => {
  const map = renderSourceMap();
  assert.match(map, /### env\/\n\n(- .*\n)*- `core\/parse-dotenv\.ts`: Parses a dotenv file exactly as Docker Compose does/);
});
