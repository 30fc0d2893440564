import { deepStrictEqual } from 'node:assert/strict';
import { test } from 'node:test';
import { buildHookEnv } from '../../../src/hooks/core/build-hook-env';
import { parseHookPoint } from '../../../src/descriptor/core/hook-points';
import { planPointHooks } from '../../../src/hooks/core/plan-hooks';
import type { HooksConfig } from '../../../src/descriptor/core/hooks-schema';

function planned(name: string, hook: Record<string, unknown>, services: string[] = []) {
  const parsed = parseHookPoint(name, []);
  if (!parsed.ok) throw new Error(parsed.message);
  return planPointHooks({ point: parsed.point, config: { autodiscover: false, timeout: 300, [name]: [hook] } as unknown as HooksConfig, services, discovered: [], env: {} })[0]!;
}

const base = { project: 'demo', home: '/h', services: ['web', 'db'], options: ['build'], files: ['etc/stacks/compose.yml', 'var/run/overlays/harbor.gen.yml'], composeEnv: { PORT: '80', API_TOKEN: 's3cret', COPY: 's3cret' }, secretValues: ['s3cret'] };
const harbor = { HARBOR_HOOK: 'pre_deploy', HARBOR_HOOK_NAME: 'run', HARBOR_STAGE: 'deploy', HARBOR_PROJECT: 'demo', HARBOR_HOME: '/h', HARBOR_SERVICES: 'web db', HARBOR_OPTIONS: 'build', HARBOR_FILES: 'etc/stacks/compose.yml:var/run/overlays/harbor.gen.yml' };

const cases = [
  { name: 'no secrets: every variable holding a secret value is left out', input: { ...base, planned: planned('pre_deploy', { run: 'x' }) }, expected: { PORT: '80', ...harbor, HARBOR_HOOK_ENV_NAMES: 'PORT' } },
  { name: 'secrets: true passes them', input: { ...base, planned: planned('pre_deploy', { run: 'x', secrets: true }) }, expected: { PORT: '80', API_TOKEN: 's3cret', COPY: 's3cret', ...harbor, HARBOR_HOOK_ENV_NAMES: 'API_TOKEN COPY PORT' } },
  {
    name: 'a per-service hook gets HARBOR_SERVICE; HARBOR_* win over the merged env',
    input: { ...base, composeEnv: { HARBOR_PROJECT: 'spoofed' }, secretValues: [], planned: planned('post_service_up', { run: 'x', name: 'check' }, ['db']) },
    expected: { ...harbor, HARBOR_HOOK: 'post_service_up', HARBOR_HOOK_NAME: 'check', HARBOR_SERVICE: 'db', HARBOR_HOOK_ENV_NAMES: '' },
  },
];

for (const c of cases) test(`buildHookEnv: ${c.name}`, () => deepStrictEqual(buildHookEnv(c.input), c.expected));
