import { deepStrictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeDescriptors } from '../../../src/descriptor/core/merge-descriptors';

describe('mergeDescriptors', () => {
  const cases: Array<{ name: string; base: unknown; override: unknown; expected: unknown }> = [
    { name: 'scalar replaces', base: { project: 'a', version: 1 }, override: { project: 'b' }, expected: { project: 'b', version: 1 } },
    { name: 'maps merge deeply', base: { a: { b: { c: 1, d: 2 } } }, override: { a: { b: { d: 3, e: 4 } } }, expected: { a: { b: { c: 1, d: 3, e: 4 } } } },
    { name: 'lists replace as a whole', base: { l: [1, 2, 3] }, override: { l: [4] }, expected: { l: [4] } },
    { name: "a stage's steps replace", base: { deploy: { steps: [{ action: 'a' }, { action: 'b' }] } }, override: { deploy: { steps: [{ action: 'c' }] } }, expected: { deploy: { steps: [{ action: 'c' }] } } },
    { name: 'map over scalar replaces', base: { a: 1 }, override: { a: { b: 1 } }, expected: { a: { b: 1 } } },
    { name: 'list over map replaces', base: { a: { b: 1 } }, override: { a: [1] }, expected: { a: [1] } },
    { name: 'null removes', base: { a: 1, b: 2 }, override: { a: null }, expected: { b: 2 } },
    { name: 'null removes a nested key', base: { a: { b: 1, c: 2 } }, override: { a: { c: null } }, expected: { a: { b: 1 } } },
    { name: 'new keys are added', base: { a: 1 }, override: { b: 2 }, expected: { a: 1, b: 2 } },
    { name: 'empty override', base: { a: 1 }, override: {}, expected: { a: 1 } },
    { name: 'non-map override replaces everything (validation reports it)', base: { a: 1 }, override: [1], expected: [1] },
  ];
  for (const c of cases) it(c.name, () => deepStrictEqual(mergeDescriptors(c.base, c.override), c.expected));

  it('does not change its inputs', () => {
    const base = { a: { b: 1 } };
    const override = { a: { c: 2 } };
    mergeDescriptors(base, override);
    deepStrictEqual([base, override], [{ a: { b: 1 } }, { a: { c: 2 } }]);
  });
});
