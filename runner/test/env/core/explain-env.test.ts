import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainEnv, renderEnvExplanation } from '../../../src/env/core/explain-env';
import { mergeEnvLayers, type EnvLayer } from '../../../src/env/core/merge-env-layers';

const layer = (type: EnvLayer['type'], file: string, text: string): EnvLayer => ({
  type, name: type, file, secret: type === 'secrets', content: { kind: 'dotenv', text },
});

test('explainEnv: every layer lowest first, the winner last; secrets through the mask', () => {
  const { env } = mergeEnvLayers(
    [layer('sys', 'etc/sys.env', 'PASS=changeme\n'), layer('dotenv', '.env.local', '\nPASS=dev\n'), layer('secrets', 'override.secrets.env', 'PASS=hunter2\n')],
    {},
  );
  const explanation = explainEnv('PASS', env.get('PASS')!, (s) => `[masked ${s.reveal().length}]`);
  assert.deepStrictEqual(explanation, {
    name: 'PASS',
    definitions: [
      { layer: 'sys', file: 'etc/sys.env', line: 1, secret: false, shown: '"changeme"' },
      { layer: 'dotenv', file: '.env.local', line: 2, secret: false, shown: '"dev"' },
      { layer: 'secrets', file: 'override.secrets.env', line: 1, secret: true, shown: '[masked 7]' },
    ],
  });
  assert.equal(
    renderEnvExplanation(explanation),
    [
      'PASS is set by 3 layers, lowest first:',
      '  1. sys      etc/sys.env:1           "changeme"',
      '  2. dotenv   .env.local:2            "dev"  (overrides 1)',
      '  3. secrets  override.secrets.env:1  [masked 7]  (overrides 2)',
      'winner: 3. override.secrets.env:1 (secrets)',
      '',
    ].join('\n'),
  );
});
