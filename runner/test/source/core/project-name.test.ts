import assert from 'node:assert/strict';
import { test } from 'node:test';
import { selectProjectName } from '../../../src/source/core/project-name';
import { DescriptorError } from '../../../src/shared/core/errors';

const cases: Array<{ name: string; project: string | undefined; home: string; expected: string }> = [
  { name: 'descriptor project wins', project: 'stack-a', home: '/srv/harbor', expected: 'stack-a' },
  { name: 'home basename by default', project: undefined, home: '/srv/harbor', expected: 'harbor' },
  { name: 'trailing slash ignored', project: undefined, home: '/srv/harbor/', expected: 'harbor' },
  { name: 'upper case lowered, spaces and dots dropped', project: undefined, home: '/home/me/My Harbor.v2', expected: 'myharborv2' },
  { name: 'leading dashes and underscores trimmed', project: undefined, home: '/tmp/__-h_1', expected: 'h_1' },
  { name: 'non-ASCII letters dropped like compose does', project: undefined, home: '/tmp/hárbor', expected: 'hrbor' },
];

for (const c of cases) {
  test(`selectProjectName: ${c.name}`, () => {
    assert.deepStrictEqual(selectProjectName(c.project, c.home), c.expected);
  });
}

test('selectProjectName: a home whose name keeps nothing is an error naming it', () => {
  assert.throws(() => selectProjectName(undefined, '/tmp/...'), (err: unknown) => {
    assert.ok(err instanceof DescriptorError);
    assert.equal(err.message, 'cannot derive a compose project name from the Harbor home "/tmp/..."');
    assert.match(err.hint ?? '', /set `project:` in etc\/harbor.yaml/);
    return true;
  });
});

test('selectProjectName: an unusable descriptor project is an error naming it', () => {
  assert.throws(() => selectProjectName('__', '/srv/harbor'), { message: 'project: "__" is not a usable compose project name' });
});
