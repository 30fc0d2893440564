import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { closestNames, didYouMean } from '../../../src/shared/core/closest-names';

const cases = [
  { name: 'one close name', input: ['compose.upp', ['compose.up', 'compose.down']], expected: ['compose.up'] },
  { name: 'nearest first, then code-point order', input: ['webu', ['webui', 'web', 'xwebui', 'Webui']], expected: ['web', 'webui', 'Webui'] },
  { name: 'nothing within 3 edits', input: ['ollama', ['comfyui', 'litellm']], expected: [] },
  { name: 'at most three', input: ['a', ['b', 'c', 'd', 'e']], expected: ['b', 'c', 'd'] },
  { name: 'duplicates count once', input: ['upx', ['up', 'up']], expected: ['up'] },
] as const;

for (const c of cases) {
  test(`closestNames: ${c.name}`, () => assert.deepEqual(closestNames(c.input[0], c.input[1]), c.expected));
}

test('didYouMean: phrase or nothing', () => {
  assert.equal(didYouMean('doctr', ['doctor', 'up']), ' (did you mean doctor?)');
  assert.equal(didYouMean('zzzzzz', ['doctor']), '');
  assert.equal(didYouMean('doctr', ['doctor', 'down']), ' (did you mean doctor, down?)');
  assert.equal(didYouMean('doctr', ['doctor', 'down'], 3, true), ' (did you mean doctor?)');
});
