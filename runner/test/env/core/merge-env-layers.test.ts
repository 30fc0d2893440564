import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeEnvLayers, type EnvLayer, type MergedEnv } from '../../../src/env/core/merge-env-layers';
import { Secret } from '../../../src/shared/core/secret';
import { EnvError } from '../../../src/shared/core/errors';

const dotenv = (type: EnvLayer['type'], file: string, text: string, extra: Partial<EnvLayer> = {}): EnvLayer => ({
  type,
  name: type,
  file,
  secret: type === 'secrets' || type === 'sops',
  content: { kind: 'dotenv', text },
  ...extra,
});

/** Plain data for assertions: secret values revealed with a marker so a wrong flag shows. */
function plain(env: MergedEnv) {
  const show = (v: string | Secret) => (v instanceof Secret ? `secret:${v.reveal()}` : v);
  return Object.fromEntries(
    [...env].map(([k, e]) => [k, { value: show(e.value), layer: e.layer, line: e.line, overridden: e.overridden.map((o) => `${o.file}:${o.line}=${show(o.value)}`) }]),
  );
}

test('mergeEnvLayers: precedence, provenance and overrides', () => {
  const merged = mergeEnvLayers(
    [
      dotenv('sys', 'etc/sys.env', 'DOMAIN=localhost\nPORT=80\n'),
      dotenv('site', 'etc/site.env', 'DOMAIN=example.com\nURL=https://${DOMAIN}:${PORT}\n'),
      dotenv('secrets', 'override.secrets.env', 'PORT=8443\nTOKEN=t0k\n'),
      { type: 'sops', name: 'sops', file: 'prod.sops.env', secret: true, content: { kind: 'values', values: new Map([['TOKEN', 'sops-token']]) } },
    ],
    {},
  );
  assert.deepStrictEqual(plain(merged.env), {
    DOMAIN: { value: 'example.com', layer: 'site', line: 1, overridden: ['etc/sys.env:1=localhost'] },
    PORT: { value: 'secret:8443', layer: 'secrets', line: 1, overridden: ['etc/sys.env:2=80'] },
    URL: { value: 'https://example.com:80', layer: 'site', line: 2, overridden: [] },
    TOKEN: { value: 'secret:sops-token', layer: 'sops', line: undefined, overridden: ['override.secrets.env:2=secret:t0k'] },
  });
  assert.deepStrictEqual(merged.warnings, []);
});

test('mergeEnvLayers: lookups see own file, then lower layers, then the runner env; secrets taint', () => {
  const merged = mergeEnvLayers(
    [
      dotenv('secrets', 'override.secrets.env', 'PASS=hunter2\n'),
      dotenv('service', 'stacks/web/service.env', 'DSN=pg://u:${PASS}@db\nHOME_DIR=${HOME}\nKEY_COPY=${SOPS_AGE_KEY}\nPATH=${PATH}:/x\nPASS\nBARE\n', { name: 'service web', service: 'web' }),
    ],
    { HOME: '/home/u', SOPS_AGE_KEY: 'AGE-SECRET-KEY-1', PATH: '/bin' },
  );
  assert.deepStrictEqual(plain(merged.env), {
    PASS: { value: 'secret:hunter2', layer: 'service web', line: 5, overridden: ['override.secrets.env:1=secret:hunter2'] },
    DSN: { value: 'secret:pg://u:hunter2@db', layer: 'service web', line: 1, overridden: [] },
    HOME_DIR: { value: '/home/u', layer: 'service web', line: 2, overridden: [] },
    KEY_COPY: { value: 'secret:AGE-SECRET-KEY-1', layer: 'service web', line: 3, overridden: [] },
    PATH: { value: '/bin:/x', layer: 'service web', line: 4, overridden: [] },
  });
  assert.deepStrictEqual(merged.layerKeys, [
    { layer: 'secrets', file: 'override.secrets.env', keys: ['PASS'] },
    { layer: 'service web', file: 'stacks/web/service.env', service: 'web', keys: ['DSN', 'HOME_DIR', 'KEY_COPY', 'PATH', 'PASS', 'BARE'] },
  ]);
});

test('mergeEnvLayers: warnings for unset and later-set references', () => {
  const merged = mergeEnvLayers(
    [dotenv('sys', 'etc/sys.env', 'URL=http://${HOST}/\nX=$NOPE\n'), dotenv('site', 'etc/site.env', 'HOST=example.com\nP=${P}x\n')],
    {},
  );
  assert.deepStrictEqual(merged.warnings, [
    'etc/sys.env:1: URL uses ${HOST}, which is set only later (etc/site.env:1): env files are read top to bottom, as Compose reads them, so it is empty here',
    'etc/sys.env:2: X uses ${NOPE}, which is not set: it is empty (as in Compose)',
    'etc/site.env:2: P uses ${P}, which is not set: it is empty (as in Compose)',
  ]);
  assert.equal(merged.env.get('URL')?.value, 'http:///', 'Compose semantics: HOST was not set yet');
});

test('mergeEnvLayers: a reference cycle is an error naming both variables', () => {
  const cases = [
    {
      layers: [dotenv('sys', 'etc/sys.env', 'A=${B}\nB=${A}\n')],
      expected: 'env reference cycle: A (etc/sys.env:1) uses B (etc/sys.env:2) uses A (etc/sys.env:1)',
    },
    {
      layers: [dotenv('sys', 'etc/sys.env', 'A=x${B}\n'), dotenv('site', 'etc/site.env', 'C=1\nB=${C}${A}\n')],
      expected: 'env reference cycle: A (etc/sys.env:1) uses B (etc/site.env:2) uses A (etc/sys.env:1)',
    },
  ];
  for (const c of cases) {
    assert.throws(() => mergeEnvLayers(c.layers, {}), (err: unknown) => err instanceof EnvError && err.message === c.expected && err.exitCode === 4);
  }
});

test('mergeEnvLayers: appending to a lower value is not a cycle, and long chains do not overflow', () => {
  const merged = mergeEnvLayers([dotenv('sys', 'etc/sys.env', 'OPTS=-a\n'), dotenv('site', 'etc/site.env', 'OPTS=${OPTS} -b\n')], {});
  assert.equal(merged.env.get('OPTS')?.value, '-a -b');
  const chain = Array.from({ length: 20000 }, (_, i) => (i === 0 ? 'V0=x' : `V${i}=\${V${i - 1}}`)).join('\n');
  assert.equal(mergeEnvLayers([dotenv('sys', 'etc/sys.env', chain)], {}).env.get('V19999')?.value, 'x');
});
