import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from 'valibot';
import { DEFAULT_ENV_SOURCES, EnvConfigSchema } from '../../../src/descriptor/core/env-config-schema';

test('EnvConfigSchema: absent section gives the default sources', () => {
  const out = v.parse(EnvConfigSchema, undefined);
  assert.deepStrictEqual(out, { sources: [...DEFAULT_ENV_SOURCES], persist: false, keepOnDestroy: false });
});

test('EnvConfigSchema: valid inputs', () => {
  const cases = [
    {
      name: 'reordered sources with defaults filled in',
      input: { sources: [{ type: 'dotenv', file: 'etc/team.env' }, { type: 'sys' }], persist: true },
      expected: {
        sources: [
          { type: 'dotenv', file: 'etc/team.env', optional: false },
          { type: 'sys', optional: false },
        ],
        persist: true,
        keepOnDestroy: false,
      },
    },
    {
      name: 'sops with ignoreMac',
      input: { sources: [{ type: 'sops', file: 'stacks/${service}/secrets.sops.env', optional: true, ignoreMac: true }] },
      expected: {
        sources: [{ type: 'sops', file: 'stacks/${service}/secrets.sops.env', optional: true, ignoreMac: true }],
        persist: false,
        keepOnDestroy: false,
      },
    },
  ];
  for (const c of cases) assert.deepStrictEqual(v.parse(EnvConfigSchema, c.input), c.expected, c.name);
});

test('EnvConfigSchema: invalid inputs name the path and the fix', () => {
  const cases = [
    { input: { sources: [{ type: 'vault' }] }, path: 'sources.0.type', message: 'must be one of: sys, site, service, dotenv, secrets, sops' },
    { input: { sources: [{ type: 'sys', file: '../x.env' }] }, path: 'sources.0.file', message: 'must be a path inside the Harbor home (relative, no ..)' },
    { input: { sources: [{ type: 'sys', file: '/etc/x.env' }] }, path: 'sources.0.file', message: 'must be a path inside the Harbor home (relative, no ..)' },
    { input: { sources: [{ type: 'sys', fiel: 'x' }] }, path: 'sources.0.fiel', message: 'Invalid key: Expected never but received "fiel"' },
  ];
  for (const c of cases) {
    const r = v.safeParse(EnvConfigSchema, c.input);
    assert.equal(r.success, false);
    const issue = r.issues![0];
    assert.deepStrictEqual(
      { path: issue.path?.map((p) => String(p.key)).join('.'), message: issue.message },
      { path: c.path, message: c.message },
    );
  }
});
