import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { parse } from 'yaml';
import { buildComposeEnv } from '../../../src/env/core/build-compose-env';
import { buildEnvOverlay, ENV_HASH_LABEL } from '../../../src/env/core/build-env-overlay';
import { mergeStackEnv } from '../../../src/env/core/merge-stack-env';
import { STACK_LAYERS } from './stack-layers';

const sha = (pairs: string[][]) => createHash('sha256').update(JSON.stringify(pairs)).digest('hex');

test('buildEnvOverlay: references only, a hash label, only services compose knows', () => {
  const stack = mergeStackEnv(STACK_LAYERS, ['db', 'web'], {});
  const composeEnv = buildComposeEnv(stack.merged, stack.services);
  const overlay = buildEnvOverlay(stack, ['web', 'proxy'], composeEnv);
  assert.deepStrictEqual({ services: overlay.services, skipped: overlay.skipped }, { services: ['web'], skipped: ['db'] });
  const webMode = Object.keys(composeEnv).find((k) => k.startsWith('HARBOR_SVC_WEB__web_mode_'))!;
  assert.deepStrictEqual(parse(overlay.yaml), {
    services: {
      web: {
        environment: { DB_PASSWORD: '${DB_PASSWORD}', LOG_LEVEL: '${LOG_LEVEL}', PORT: '${PORT}', 'web.mode': `\${${webMode}}` },
        labels: { [ENV_HASH_LABEL]: sha([['DB_PASSWORD', 'hunter2'], ['LOG_LEVEL', 'info'], ['PORT', '8080'], ['web.mode', 'fast']]) },
      },
    },
  });
  assert.equal(overlay.yaml.includes('hunter2'), false, 'no secret value in the overlay');
  assert.equal(overlay.yaml.includes('8080'), false, 'no plain value either');
});

test('buildEnvOverlay: the hash changes with a secret, and only for the service that uses it', () => {
  const label = (secret: string) => {
    const layers = STACK_LAYERS.map((l) => (l.type === 'secrets' ? { ...l, content: { kind: 'dotenv' as const, text: `DB_PASSWORD=${secret}\n` } } : l));
    const stack = mergeStackEnv(layers, ['db', 'web'], {});
    const yaml = parse(buildEnvOverlay(stack, ['db', 'web'], buildComposeEnv(stack.merged, stack.services)).yaml);
    return { db: yaml.services.db.labels[ENV_HASH_LABEL], web: yaml.services.web.labels[ENV_HASH_LABEL] };
  };
  const a = label('one');
  const b = label('two');
  assert.equal(a.db, b.db, 'db does not use DB_PASSWORD');
  assert.notEqual(a.web, b.web);
});
