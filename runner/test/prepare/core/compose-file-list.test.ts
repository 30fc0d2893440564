import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildComposeFileList } from '../../../src/prepare/core/compose-file-list';

const cases = [
  { name: 'no overlay: the selection, in order', files: ['etc/stacks/compose.yml', 'etc/stacks/compose.hello.yml'], overlay: false, expected: ['etc/stacks/compose.yml', 'etc/stacks/compose.hello.yml'] },
  { name: 'overlay: last, after every selected file', files: ['etc/stacks/compose.yml', 'etc/stacks/compose.hello.yml'], overlay: true, expected: ['etc/stacks/compose.yml', 'etc/stacks/compose.hello.yml', 'var/run/overlays/harbor.gen.yml'] },
  { name: 'an empty selection with the overlay', files: [], overlay: true, expected: ['var/run/overlays/harbor.gen.yml'] },
];
for (const c of cases) test(`buildComposeFileList: ${c.name}`, () => assert.deepStrictEqual(buildComposeFileList(c.files, c.overlay), c.expected));

test('buildComposeFileList: returns a new list (the selection is never changed)', () => {
  const files = ['a.yml'];
  buildComposeFileList(files, true).push('x');
  assert.deepStrictEqual(files, ['a.yml']);
});
