import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderSelection } from '../../../src/source/core/render-selection';

const cases: Array<{ name: string; selection: Parameters<typeof renderSelection>[0]; expected: string }> = [
  {
    name: 'files in order, then services, options, capabilities',
    selection: { files: ['etc/stacks/compose.yml', 'etc/stacks/compose.hello.yml'], services: ['hello'], options: ['hello', 'mdc'], capabilities: ['mdc'] },
    expected: 'source: project demo, 2 compose files\n  -f etc/stacks/compose.yml\n  -f etc/stacks/compose.hello.yml\nservices: hello\noptions: hello mdc\ncapabilities: mdc\n',
  },
  {
    name: 'empty lists say (none); one file is singular',
    selection: { files: ['etc/stacks/compose.yml'], services: [], options: [], capabilities: [] },
    expected: 'source: project demo, 1 compose file\n  -f etc/stacks/compose.yml\nservices: (none)\noptions: (none)\ncapabilities: (none)\n',
  },
];

for (const c of cases) {
  test(`renderSelection: ${c.name}`, () => {
    assert.deepStrictEqual(renderSelection(c.selection, 'demo'), c.expected);
  });
}
