import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import * as v from 'valibot';
import { defineAction } from '../../src/workflow/action';
import { ACTIONS } from '../../src/workflow/action-registry';
import { renderActionReference } from '../../src/workflow/render-action-reference';

const fake = (name: string, params: v.GenericSchema) =>
  defineAction({ name, summary: `does ${name} | more`, params, plan: () => ({ description: '' }), run: async () => ({}) });

describe('renderActionReference', () => {
  it('one row per action with each parameter, its type, and required or default', () => {
    const table = renderActionReference([
      fake('a.none', v.strictObject({})),
      fake(
        'a.all',
        v.strictObject({
          name: v.string(),
          list: v.optional(v.array(v.string()), []),
          mode: v.optional(v.picklist(['x', 'y']), 'x'),
          count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
          either: v.union([v.string(), v.array(v.string())]),
        }),
      ),
    ]);
    deepStrictEqual(table.split('\n'), [
      '| action | what it does | parameters |',
      '|---|---|---|',
      '| `a.none` | does a.none \\| more | — |',
      '| `a.all` | does a.all \\| more | `name` (string, required)<br>`list` (list of strings, default [])<br>`mode` (x \\| y, default "x")<br>`count` (integer ≥ 1)<br>`either` (string or list of strings, required) |',
      '',
    ]);
  });
});

describe('docs/Harbor-Descriptor.md', () => {
  it('lists every registered action with its parameters (the block between the markers is generated)', async () => {
    const doc = await readFile(new URL('../../../docs/Harbor-Descriptor.md', import.meta.url), 'utf8');
    const block = doc.slice(doc.indexOf('<!-- actions:start -->\n') + '<!-- actions:start -->\n'.length, doc.indexOf('<!-- actions:end -->'));
    for (const action of ACTIONS) ok(block.includes(`| \`${action.name}\` |`), `docs/Harbor-Descriptor.md does not list ${action.name}`);
    equal(block, renderActionReference(ACTIONS), 'the action table in docs/Harbor-Descriptor.md is stale: replace the block between the markers with the expected text');
  });
});
