import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskSecret } from '../../../src/env/core/mask-secret';
import { Secret } from '../../../src/shared/core/secret';
import { planEnvChanges, type EnvChanges } from '../../../src/prepare/core/plan-env-changes';
import { buildPrepareState } from '../../../src/prepare/core/prepare-state';

const key = new Uint8Array(32).fill(1);
const runKey = new Uint8Array(32).fill(2);
const compose = { files: [], contents: [] };
const previous = buildPrepareState(compose, { KEEP: 'same', EDIT: 'old', GONE: 'x', TOKEN: 'old-secret' }, key).env;
const masked = (value: string) => maskSecret(new Secret(value), runKey);

const cases: Array<{ name: string; previous: Record<string, string> | undefined; key: Uint8Array | undefined; composeEnv: Record<string, string>; secretValues: string[]; expected: EnvChanges }> = [
  {
    name: 'added, changed, removed and unchanged; secrets masked, plain values shown',
    previous,
    key,
    composeEnv: { KEEP: 'same', EDIT: 'new', TOKEN: 'new-secret', NEW: 'n' },
    secretValues: ['new-secret'],
    expected: {
      previous: true,
      added: [{ name: 'NEW', secret: false, shown: 'n' }],
      changed: [{ name: 'EDIT', secret: false, shown: 'new' }, { name: 'TOKEN', secret: true, shown: masked('new-secret') }],
      removed: ['GONE'],
      unchanged: 1,
    },
  },
  {
    name: 'a plain name that holds a secret value is masked too',
    previous,
    key,
    composeEnv: { KEEP: 'same', EDIT: 'old', GONE: 'x', TOKEN: 'old-secret', COPY: 'old-secret' },
    secretValues: ['old-secret'],
    expected: { previous: true, added: [{ name: 'COPY', secret: true, shown: masked('old-secret') }], changed: [], removed: [], unchanged: 4 },
  },
  {
    name: 'no earlier prepare: every name is added',
    previous: undefined,
    key: undefined,
    composeEnv: { B: '2', A: '1' },
    secretValues: [],
    expected: { previous: false, added: [{ name: 'A', secret: false, shown: '1' }, { name: 'B', secret: false, shown: '2' }], changed: [], removed: [], unchanged: 0 },
  },
  {
    name: 'a state without its key is no state',
    previous,
    key: undefined,
    composeEnv: { KEEP: 'same' },
    secretValues: [],
    expected: { previous: false, added: [{ name: 'KEEP', secret: false, shown: 'same' }], changed: [], removed: [], unchanged: 0 },
  },
];

for (const c of cases) {
  test(`planEnvChanges: ${c.name}`, () => {
    const changes = planEnvChanges({ previous: c.previous, key: c.key, composeEnv: c.composeEnv, secretValues: c.secretValues, runKey });
    assert.deepStrictEqual(changes, c.expected);
    for (const secret of c.secretValues) assert.equal(JSON.stringify(changes).includes(secret), false, 'no secret value in the changes');
  });
}
