import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildComposeEnv, selectSecretValues } from '../../../src/env/core/build-compose-env';
import { mergeStackEnv } from '../../../src/env/core/merge-stack-env';
import { STACK_LAYERS } from './stack-layers';

test('buildComposeEnv: every merged value revealed, plus the namespaced service variables', () => {
  const stack = mergeStackEnv(STACK_LAYERS, ['db', 'web'], {});
  const env = buildComposeEnv(stack.merged, stack.services);
  const webMode = Object.keys(env).find((k) => k.startsWith('HARBOR_SVC_WEB__web_mode_'))!;
  assert.deepStrictEqual(env, {
    DOMAIN: 'localhost',
    LOG_LEVEL: 'info',
    PORT: '8080',
    'web.mode': 'fast',
    DB_PASSWORD: 'hunter2',
    POSTGRES_PASSWORD: 'hunter2',
    HARBOR_SVC_DB__PORT: '5432',
    [webMode]: 'fast',
  });
  assert.deepStrictEqual(buildComposeEnv(stack.merged), { DOMAIN: 'localhost', LOG_LEVEL: 'info', PORT: '8080', 'web.mode': 'fast', DB_PASSWORD: 'hunter2', POSTGRES_PASSWORD: 'hunter2' });
});

test('selectSecretValues: every secret plaintext once, longest first, none of the plain values', () => {
  const stack = mergeStackEnv(STACK_LAYERS, ['db', 'web'], {});
  assert.deepStrictEqual(selectSecretValues(stack.merged), ['hunter2']);
  const more = mergeStackEnv([...STACK_LAYERS, { ...STACK_LAYERS[3]!, content: { kind: 'dotenv', text: 'TOKEN=abc\nLONG=abcdefghijk\nEMPTY=\n' } }], [], {});
  assert.deepStrictEqual(selectSecretValues(more.merged), ['abcdefghijk', 'hunter2', 'abc']);
});

test('buildComposeEnv: PATH, HOME and DOCKER_* from a layer reach containers but never steer compose itself', () => {
  const layers = [
    { type: 'sys' as const, name: 'sys', file: 'etc/sys.env', secret: false, content: { kind: 'dotenv' as const, text: 'PATH=/opt/bin\nDOCKER_HOST=tcp://elsewhere:2375\nA=1\n' } },
    { type: 'service' as const, name: 'service ci', file: 'stacks/ci/service.env', secret: false, service: 'ci', content: { kind: 'dotenv' as const, text: 'DOCKER_HOST\nA\n' } },
  ];
  const stack = mergeStackEnv(layers, ['ci'], {});
  assert.deepStrictEqual(buildComposeEnv(stack.merged, stack.services), { A: '1', HARBOR_SVC_CI__DOCKER_HOST: 'tcp://elsewhere:2375' });
});
