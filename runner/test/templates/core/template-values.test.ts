import { deepStrictEqual } from 'node:assert/strict';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import type { MergedEnv } from '../../../src/env/core/merge-env-layers';
import { Secret } from '../../../src/shared/core/secret';
import { renderEnvsubst } from '../../../src/templates/core/render-envsubst';
import { buildLiquidRenderer } from '../../../src/templates/core/render-liquid';
import { buildTemplateEnv, buildTemplateValues } from '../../../src/templates/core/template-values';

describe('buildTemplateValues', () => {
  it('extras first, env over them, secrecy from the env', () => {
    deepStrictEqual(
      buildTemplateValues({ values: new Map([['HOST', 'db'], ['PASS', 'pw']]), secretNames: new Set(['PASS']) }, { engine: 'envsubst', values: { fromEnv: true, extra: { TLS: true, N: 2, HOST: 'overridden by env' } } }),
      { values: new Map([['TLS', 'true'], ['N', '2'], ['HOST', 'db'], ['PASS', 'pw']]), secretNames: new Set(['PASS']) },
    );
  });
  it('fromEnv: false hides the env, secrets included', () => {
    deepStrictEqual(
      buildTemplateValues({ values: new Map([['PASS', 'x']]), secretNames: new Set(['PASS']) }, { engine: 'envsubst', values: { fromEnv: false, extra: { A: 1 } } }),
      { values: new Map([['A', '1']]), secretNames: new Set() },
    );
  });
  it('a Secret value is secret even when not named', () => {
    deepStrictEqual(buildTemplateValues({ values: new Map([['K', new Secret('v')]]), secretNames: new Set() }, { engine: 'envsubst', values: { fromEnv: true, extra: {} } }).secretNames, new Set(['K']));
  });
});

describe('buildTemplateEnv', () => {
  const merged: MergedEnv = new Map([
    ['HOST', { value: 'db', secret: false, layer: 'sys', file: 'etc/sys.env', line: 1, overridden: [] }],
    ['PASS', { value: new Secret('s3cr3t-pw'), secret: true, layer: 'secrets', file: 'override.secrets.env', line: 1, overridden: [] }],
  ]);
  const env = buildTemplateEnv(merged);
  it('keeps Secret wrappers and names the secrets', () => {
    deepStrictEqual([env.secretNames, env.values.get('HOST'), env.values.get('PASS') instanceof Secret], [new Set(['PASS']), 'db', true]);
    deepStrictEqual(inspect(env).includes('s3cr3t'), false);
  });
  it('both engines reveal a Secret only where a template may use it', () => {
    const values = buildTemplateValues(env, { engine: 'envsubst', values: { fromEnv: true, extra: {} } });
    const ctx = { file: 't', entry: 'prepare.templates[0]', values, allowSecrets: true };
    deepStrictEqual(renderEnvsubst('${HOST}:${PASS}', ctx), { text: 'db:s3cr3t-pw', usedSecrets: true });
    deepStrictEqual(buildLiquidRenderer({ folder: 'f', texts: new Map([['t.liquid', '{{ HOST }}:{{ PASS }}']]) })('t.liquid', ctx), { text: 'db:s3cr3t-pw', usedSecrets: true });
  });
});
