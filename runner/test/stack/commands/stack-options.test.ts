import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sourceOptionsOf } from '../../../src/stack/commands/stack-options';

const cases: Array<{ name: string; options: Parameters<typeof sourceOptionsOf>[0]; handles: string[]; expected: ReturnType<typeof sourceOptionsOf> }> = [
  { name: 'defaults', options: { defaults: true }, handles: [], expected: { handles: [], noDefaults: false, profile: undefined, stack: undefined, capabilities: undefined, site: undefined } },
  {
    name: '--no-defaults and every value',
    options: { defaults: false, profile: 'llm', stack: 'ai', capabilities: '', site: 'prod' },
    handles: ['webui'],
    expected: { handles: ['webui'], noDefaults: true, profile: 'llm', stack: 'ai', capabilities: '', site: 'prod' },
  },
];

for (const c of cases) {
  test(`sourceOptionsOf: ${c.name}`, () => {
    assert.deepStrictEqual(sourceOptionsOf(c.options, c.handles), c.expected);
  });
}
