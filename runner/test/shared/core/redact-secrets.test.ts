import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactSecrets } from '../../../src/shared/core/redact-secrets';

const cases: Array<{ name: string; text: string; secrets: string[]; expected: string }> = [
  { name: 'every occurrence', text: 'A: s3cret\nB: s3cret-x s3cret', secrets: ['s3cret'], expected: 'A: [redacted]\nB: [redacted]-x [redacted]' },
  { name: 'longer secret first so a shorter one inside it leaves nothing visible', text: 'K: abc-123', secrets: ['abc', 'abc-123'], expected: 'K: [redacted]' },
  { name: 'compose doubles $ in config output', text: 'P: pa$$word', secrets: ['pa$word'], expected: 'P: [redacted]' },
  { name: 'double-quoted YAML/JSON escapes', text: 'J: "say \\"hi\\"\\nbye"', secrets: ['say "hi"\nbye'], expected: 'J: "[redacted]"' },
  { name: 'empty secrets are ignored', text: 'X: 1', secrets: [''], expected: 'X: 1' },
  { name: 'regex characters are literal', text: 'R: a.b* a-b', secrets: ['a.b*'], expected: 'R: [redacted] a-b' },
  { name: 'no secrets, no change', text: 'same', secrets: [], expected: 'same' },
];

for (const c of cases) {
  test(`redactSecrets: ${c.name}`, () => {
    assert.deepStrictEqual(redactSecrets(c.text, c.secrets), c.expected);
  });
}
