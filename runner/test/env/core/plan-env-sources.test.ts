import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ENV_SOURCES } from '../../../src/descriptor/core/env-config-schema';
import { planEnvSources } from '../../../src/env/core/plan-env-sources';
import { EnvError } from '../../../src/shared/core/errors';

const brief = (plan: ReturnType<typeof planEnvSources>) => ({
  files: plan.sources.map((s) => `${s.name}|${s.pattern}|${s.optional ? 'optional' : 'required'}|${s.secret ? 'secret' : 'plain'}${s.glob ? '|glob' : ''}${s.site ? `|site=${s.site}` : ''}`),
  warnings: plan.warnings,
});

test('planEnvSources: defaults, sites, services, custom order', () => {
  const cases = [
    {
      name: 'default sources, two services, no site',
      sources: DEFAULT_ENV_SOURCES,
      options: { services: ['db', 'web'] },
      expected: {
        files: [
          'sys|etc/sys.env|optional|plain',
          'site|etc/site.env|optional|plain',
          'service db|stacks/db/service.env|optional|plain',
          'service web|stacks/web/service.env|optional|plain',
          'dotenv|.env.local|optional|plain',
          'secrets|override.secrets.env|optional|secret',
          'sops|*.sops.env|optional|secret|glob',
        ],
        warnings: [],
      },
    },
    {
      name: 'a selected site replaces etc/site.env',
      sources: DEFAULT_ENV_SOURCES.slice(0, 2),
      options: { services: [], site: 'prod' },
      expected: { files: ['sys|etc/sys.env|optional|plain', 'site|etc/sites/prod.env|optional|plain|site=prod'], warnings: [] },
    },
    {
      name: 'custom list: ${site} skipped without a site, per-service sops, required file',
      sources: [
        { type: 'dotenv' as const, file: 'etc/${site}/extra.env', optional: true },
        { type: 'sops' as const, file: 'stacks/${service}/secrets.sops.env', optional: false, ignoreMac: true },
        { type: 'sys' as const, optional: false },
      ],
      options: { services: ['web'] },
      expected: { files: ['sops web|stacks/web/secrets.sops.env|required|secret', 'sys|etc/sys.env|required|plain'], warnings: [] },
    },
    {
      name: 'a site nobody uses is reported',
      sources: [{ type: 'sys' as const, optional: false }],
      options: { services: [], site: 'prod' },
      expected: { files: ['sys|etc/sys.env|required|plain'], warnings: ['site "prod" is selected but no env source uses ${site}: it changes nothing'] },
    },
  ];
  for (const c of cases) assert.deepStrictEqual(brief(planEnvSources(c.sources, c.options)), c.expected, c.name);
});

test('planEnvSources: a site or service name that could leave the home is refused', () => {
  const cases = [
    { options: { services: [], site: '../x' }, expected: 'site name "../x" is not valid: use letters, digits, _ . - (it names etc/sites/<name>.env)' },
    { options: { services: ['a/b'] }, expected: 'service name "a/b" is not valid for an env file path' },
  ];
  for (const c of cases) {
    assert.throws(() => planEnvSources(DEFAULT_ENV_SOURCES, c.options), (err: unknown) => err instanceof EnvError && err.message === c.expected);
  }
});
