import { deepStrictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STEP_KEYS } from '../../src/descriptor/core/descriptor-schema';
import { ACTIONS } from '../../src/workflow/action-registry';

// Rules every registered action must follow, so descriptors, the JSON Schema and the docs can rely on them.
describe('ACTIONS', () => {
  it('names are unique', () => {
    const names = ACTIONS.map((a) => a.name);
    deepStrictEqual(names.filter((n, i) => names.indexOf(n) !== i), []);
  });

  it('names are lower-case dotted words', () => {
    deepStrictEqual(ACTIONS.map((a) => a.name).filter((n) => !/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/.test(n)), []);
  });

  it('each has a one-line summary', () => {
    deepStrictEqual(ACTIONS.filter((a) => a.summary.trim() === '' || a.summary.includes('\n')).map((a) => a.name), []);
  });

  it('params are a strict object whose keys do not shadow a step key', () => {
    const bad = ACTIONS.flatMap((a) => {
      const schema = a.params as unknown as { type: string; entries?: Record<string, unknown> };
      if (schema.type !== 'strict_object' || !schema.entries) return [`${a.name}: params is ${schema.type}, not v.strictObject`];
      return Object.keys(schema.entries).filter((k) => (STEP_KEYS as readonly string[]).includes(k)).map((k) => `${a.name}: param "${k}" is a step key`);
    });
    deepStrictEqual(bad, []);
  });
});
