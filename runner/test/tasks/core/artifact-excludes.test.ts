import { deepStrictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildExcludeGlobs, topmostPaths } from '../../../src/tasks/core/artifact-excludes';

describe('artifact exclude patterns', () => {
  const cases: Array<[string[], string[]]> = [
    [['*.log'], ['**/*.log']],
    [['cache/'], ['**/cache']],
    [['./build/tmp', '/abs/x'], ['build/tmp', 'abs/x']],
    [['', '/'], []],
    [['**/*.pyc'], ['**/*.pyc']],
  ];
  for (const [input, expected] of cases) it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => deepStrictEqual(buildExcludeGlobs(input), expected));
  it('keeps only the topmost of nested matches, sorted', () => {
    deepStrictEqual(topmostPaths(['sub/trace.log', 'cache/', 'cache/a.log', 'debug.log', 'cache/']), ['cache', 'debug.log', 'sub/trace.log']);
    deepStrictEqual(topmostPaths(['cache2/x', 'cache/']), ['cache', 'cache2/x']);
  });
});
