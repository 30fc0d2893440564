import { deepStrictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildV1Descriptor, detectLayout, splitV1List, type HomeFacts } from '../../../src/source/core/detect-layout';

const NONE: HomeFacts = { descriptor: false, stacksDir: false, servicesComposeFiles: 0, rootCompose: false, rootEnv: false };

describe('detectLayout', () => {
  const cases: Array<{ name: string; facts: Partial<HomeFacts>; expected: ReturnType<typeof detectLayout> }> = [
    { name: 'a descriptor wins', facts: { descriptor: true, servicesComposeFiles: 3, rootCompose: true }, expected: { kind: 'descriptor', reason: 'etc/harbor.yaml describes it' } },
    {
      name: "v1's three files",
      facts: { servicesComposeFiles: 652, rootCompose: true, rootEnv: true },
      expected: { kind: 'v1', reason: "no etc/harbor.yaml, no etc/stacks/; services/ has 652 compose.*.yml files, compose.yml is at the root, .env is at the root: Harbor v1's layout" },
    },
    {
      name: 'v1 without .env yet (v1 copies it on first run)',
      facts: { servicesComposeFiles: 1, rootCompose: true },
      expected: { kind: 'v1', reason: "no etc/harbor.yaml, no etc/stacks/; services/ has 1 compose.*.yml file, compose.yml is at the root, no .env at the root: Harbor v1's layout" },
    },
    {
      name: 'services/ without a root compose.yml is not v1',
      facts: { servicesComposeFiles: 2, rootEnv: true },
      expected: { kind: 'v2', reason: "no etc/harbor.yaml: the default layout, compose files in etc/stacks/ (not v1's: services/ has 2 compose.*.yml files, no compose.yml at the root, .env is at the root)" },
    },
    {
      name: 'etc/stacks/ beside services/: v2',
      facts: { stacksDir: true, servicesComposeFiles: 2, rootCompose: true },
      expected: { kind: 'v2', reason: 'no etc/harbor.yaml: the default layout, compose files in etc/stacks/ (services/ is not used: etc/stacks/ exists)' },
    },
    { name: 'an empty home', facts: {}, expected: { kind: 'v2', reason: 'no etc/harbor.yaml: the default layout, compose files in etc/stacks/' } },
  ];
  for (const c of cases) it(c.name, () => deepStrictEqual(detectLayout({ ...NONE, ...c.facts }), c.expected));
});

describe("buildV1Descriptor: v1's .env settings", () => {
  it('defaults, capabilities and detection', () => {
    deepStrictEqual(buildV1Descriptor({ HARBOR_SERVICES_DEFAULT: 'ollama;webui', HARBOR_CAPABILITIES_DEFAULT: 'nvidia', HARBOR_CAPABILITIES_AUTODETECT: 'false' }), {
      version: 1,
      profiles: { default: { services: ['ollama', 'webui'] } },
      source: { rules: { dir: 'services', base: ['./compose.yml'], autoCapabilities: false, capabilities: ['nvidia'], defaultCapabilities: ['nvidia'] } },
      prepare: {
        env: {
          sources: [
            { type: 'sys', file: '.env', optional: true },
            { type: 'site', optional: true },
            { type: 'service', file: 'stacks/${service}/service.env', optional: true },
            { type: 'dotenv', file: '.env.local', optional: true },
            { type: 'secrets', file: 'override.secrets.env', optional: true },
            { type: 'sops', file: '*.sops.env', optional: true },
          ],
        },
      },
    });
  });
  const auto: Array<[string | undefined, boolean]> = [[undefined, true], ['true', true], ['false', false], ['', false], ['TRUE', false]];
  for (const [value, expected] of auto) {
    it(`HARBOR_CAPABILITIES_AUTODETECT=${JSON.stringify(value)} → autoCapabilities ${expected} (as v1)`, () => {
      deepStrictEqual((buildV1Descriptor({ HARBOR_CAPABILITIES_AUTODETECT: value }).source as { rules: { autoCapabilities: boolean } }).rules.autoCapabilities, expected);
    });
  }
  it('splitV1List: ;-separated, blanks and empty entries dropped', () => deepStrictEqual(splitV1List(' ollama; ;webui;'), ['ollama', 'webui']));
});
