import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeStackEnv } from '../../../src/env/core/merge-stack-env';
import { Secret } from '../../../src/shared/core/secret';
import { STACK_LAYERS } from './stack-layers';

const values = (env: ReadonlyMap<string, { value: string | Secret }>) =>
  Object.fromEntries([...env].map(([k, e]) => [k, e.value instanceof Secret ? `secret:${e.value.reveal()}` : e.value]));

test('mergeStackEnv: the stack sees every layer; each service its own layers and the shared ones', () => {
  const stack = mergeStackEnv(STACK_LAYERS, ['db', 'web'], {});
  assert.deepStrictEqual(values(stack.merged), {
    DOMAIN: 'localhost',
    LOG_LEVEL: 'info',
    PORT: '8080',
    'web.mode': 'fast',
    DB_PASSWORD: 'secret:hunter2',
    POSTGRES_PASSWORD: 'secret:hunter2',
  });
  assert.deepStrictEqual(
    stack.services.map((s) => ({ service: s.service, keys: s.keys, values: values(s.env) })),
    [
      {
        service: 'db',
        keys: ['PORT', 'POSTGRES_PASSWORD'],
        values: { DOMAIN: 'localhost', LOG_LEVEL: 'info', PORT: '5432', DB_PASSWORD: 'secret:hunter2', POSTGRES_PASSWORD: 'secret:hunter2' },
      },
      {
        service: 'web',
        keys: ['PORT', 'LOG_LEVEL', 'web.mode', 'DB_PASSWORD'],
        values: { DOMAIN: 'localhost', LOG_LEVEL: 'info', PORT: '8080', 'web.mode': 'fast', DB_PASSWORD: 'secret:hunter2', POSTGRES_PASSWORD: 'secret:hunter2' },
      },
    ],
  );
  assert.deepStrictEqual(stack.warnings, []);
});
