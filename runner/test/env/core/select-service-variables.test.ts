import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeStackEnv } from '../../../src/env/core/merge-stack-env';
import { namespacedVariable, selectServiceVariables } from '../../../src/env/core/select-service-variables';
import { STACK_LAYERS } from './stack-layers';

test('selectServiceVariables: shared name when the stack value is the same, namespaced otherwise', () => {
  const stack = mergeStackEnv(STACK_LAYERS, ['db', 'web'], {});
  const picked = stack.services.map((s) => selectServiceVariables(stack.merged, s).map((v) => `${v.key}->${v.variable}`));
  assert.deepStrictEqual(picked, [
    ['PORT->HARBOR_SVC_DB__PORT', 'POSTGRES_PASSWORD->POSTGRES_PASSWORD'],
    ['PORT->PORT', 'LOG_LEVEL->LOG_LEVEL', `web.mode->${namespacedVariable('web', 'web.mode')}`, 'DB_PASSWORD->DB_PASSWORD'],
  ]);
});

test('namespacedVariable: service upper-cased, odd characters replaced', () => {
  const cases = [
    { service: 'web', key: 'PORT', expected: 'HARBOR_SVC_WEB__PORT' },
    { service: 'open-webui', key: 'port', expected: 'HARBOR_SVC_OPEN_WEBUI__port' },
  ];
  for (const c of cases) assert.equal(namespacedVariable(c.service, c.key), c.expected);
  assert.match(namespacedVariable('web', 'a.b'), /^HARBOR_SVC_WEB__a_b_[0-9a-f]{8}$/);
  assert.notEqual(namespacedVariable('web', 'a.b'), namespacedVariable('web', 'a-b'));
});
