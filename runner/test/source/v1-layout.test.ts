// A Harbor v1 checkout with no etc/harbor.yaml (services/ of v1's 652 compose files, compose.yml and .env at the root) uses v1's layout.
import { deepStrictEqual, rejects } from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/cli';
import { ALL_COMMANDS } from '../../src/cli/all-commands';
import { DescriptorError } from '../../src/shared/core/errors';
import { makeTempHome, snapshotHome } from '../support/temp-home';
import { createFakeDeps } from '../support/fake-deps';

const V1_NAMES = readFileSync(fileURLToPath(new URL('../../../tests/fixtures/harbor-v1-compose-files.txt', import.meta.url)), 'utf8').split('\n').filter(Boolean);

/** v1 0.5.5's shape: the base compose.yml at the root, every service file in services/, .env from profiles/default.env. */
function v1Home(env: string, extra: Record<string, string> = {}): Promise<string> {
  const files: Record<string, string> = {
    'compose.yml': 'networks:\n  harbor-network:\n    external: false\n',
    '.env': env,
    ...Object.fromEntries(V1_NAMES.map((name) => [`services/${name}`, 'services: {}\n'])),
    ...extra,
  };
  return makeTempHome(files);
}
const V1_ENV = 'HARBOR_SERVICES_DEFAULT="webui;llamacpp"\nHARBOR_CAPABILITIES_AUTODETECT=true\nHARBOR_CAPABILITIES_DEFAULT=""\nHARBOR_WEBUI_HOST_PORT=33801\n';

async function harbor(home: string, argv: string[]) {
  const deps = createFakeDeps(() => ({}), home);
  const code = await runCli(argv, ALL_COMMANDS, deps);
  return { code, stdout: deps.stdout.join(''), calls: deps.calls };
}
const source = async (home: string, ...args: string[]) => JSON.parse((await harbor(home, ['run', 'source', '--json', ...args])).stdout);
const s = (names: string) => names.split(', ').map((n) => (n === 'compose.yml' ? n : `services/${n.replace(/^x\./, 'compose.x.').replace(/^c\./, 'compose.')}.yml`));

describe("v1's layout with no descriptor", () => {
  it('base compose.yml from the root, candidates from services/, default services from HARBOR_SERVICES_DEFAULT', async () => {
    const home = await v1Home(V1_ENV);
    deepStrictEqual(await source(home, '--capabilities', ''), {
      files: s('compose.yml, c.llamacpp, c.webui, x.webui.llamacpp'),
      services: ['webui', 'llamacpp'],
      options: ['webui', 'llamacpp'],
      capabilities: [],
    });
    // COMPOSE-RULES.md's worked examples, on the v1 home.
    deepStrictEqual((await source(home, '--capabilities', 'nvidia,mdc')).files, s('compose.yml, c.llamacpp, c.webui, x.llamacpp.nvidia, x.webui.llamacpp'));
    deepStrictEqual((await source(home, '--no-defaults', 'mi', 'harbor', 'ollama', '--capabilities', '')).files, s('compose.yml, c.mi, c.ollama, x.mi.harbor, x.mi.ollama, x.mi.harbor.ollama'));
  });

  it("v1's default capabilities (HARBOR_CAPABILITIES_DEFAULT, ;-separated) stay under --no-defaults", async () => {
    const home = await v1Home('HARBOR_SERVICES_DEFAULT="webui"\nHARBOR_CAPABILITIES_DEFAULT="nvidia;"\n');
    deepStrictEqual((await source(home, '--no-defaults', 'ollama', '--capabilities', '')).files, s('compose.yml, c.ollama, x.ollama.nvidia'));
  });

  it('HARBOR_CAPABILITIES_AUTODETECT=false turns detection off (no docker call even without a pin)', async () => {
    const home = await v1Home('HARBOR_SERVICES_DEFAULT="ollama"\nHARBOR_CAPABILITIES_AUTODETECT=false\n');
    const r = await harbor(home, ['run', 'source', '--json']);
    deepStrictEqual([JSON.parse(r.stdout).capabilities, r.calls], [[], []]);
  });

  it('.env is the sys layer', async () => {
    const home = await v1Home(V1_ENV, { '.env.local': 'HARBOR_WEBUI_HOST_PORT=9999\n' });
    const r = await harbor(home, ['env', '--json']);
    const env = JSON.parse(r.stdout);
    deepStrictEqual([env.HARBOR_SERVICES_DEFAULT, env.HARBOR_WEBUI_HOST_PORT], ['webui;llamacpp', '9999']);
  });

  it('descriptor check says which layout and why, and changes nothing', async () => {
    const home = await v1Home(V1_ENV);
    const before = await snapshotHome(home);
    const r = await harbor(home, ['descriptor', 'check']);
    deepStrictEqual(r.stdout.split('\n')[0], "✔ no etc/harbor.yaml: Harbor v1's layout is used (no etc/harbor.yaml, no etc/stacks/; services/ has 652 compose.*.yml files, compose.yml is at the root, .env is at the root: Harbor v1's layout), and it is valid");
    deepStrictEqual(await snapshotHome(home), before);
  });

  it('an unknown default service is named with where it comes from', async () => {
    const home = await v1Home('HARBOR_SERVICES_DEFAULT="webui;olama"\n');
    await rejects(harbor(home, ['run', 'source', '--capabilities', '']), (err: unknown) => err instanceof DescriptorError && /^profiles\.default: .*"olama".*ollama/.test(err.message));
  });

  it('a bad default capability in .env is a descriptor error that names .env', async () => {
    const home = await v1Home('HARBOR_CAPABILITIES_DEFAULT="NVIDIA"\n');
    await rejects(harbor(home, ['run', 'source']), (err: unknown) => err instanceof DescriptorError && err.message.startsWith("(v1's layout, from .env): source.rules.capabilities[0]: capability names use a-z, 0-9 and \"-\""));
  });

  it('with etc/harbor.yaml, the descriptor wins; with etc/stacks/, the v2 default', async () => {
    const described = await v1Home(V1_ENV, { 'etc/harbor.yaml': 'version: 1\nsource: { rules: { dir: services, base: [./compose.yml] } }\n' });
    deepStrictEqual((await source(described, '--capabilities', '', 'ollama')).files, s('compose.yml, c.ollama'));
    const v2 = await v1Home(V1_ENV, { 'etc/stacks/compose.yml': 'services: {}\n' });
    deepStrictEqual((await source(v2, '--capabilities', '')).files, ['etc/stacks/compose.yml']);
  });
});

describe('source.rules.base: names in dir, paths relative to the home', () => {
  const cases: Array<{ name: string; base: string; error: string }> = [
    { name: 'above the home', base: '../compose.yml', error: "etc/harbor.yaml:2:42: source.rules.base[0]: a path with a / is relative to the Harbor home and must stay inside it (no leading /, not above the home): ./compose.yml is the home's own compose.yml" },
    { name: 'absolute', base: '/etc/compose.yml', error: "etc/harbor.yaml:2:42: source.rules.base[0]: a path with a / is relative to the Harbor home and must stay inside it (no leading /, not above the home): ./compose.yml is the home's own compose.yml" },
  ];
  for (const c of cases) {
    it(`refused: ${c.name}`, async () => {
      const home = await v1Home(V1_ENV, { 'etc/harbor.yaml': `version: 1\nsource: { rules: { dir: services, base: [${c.base}] } }\n` });
      await rejects(harbor(home, ['descriptor', 'check']), (err: unknown) => err instanceof DescriptorError && err.message === c.error);
    });
  }
  it('a missing home-relative base file is an error with the fix', async () => {
    const home = await v1Home(V1_ENV, { 'etc/harbor.yaml': 'version: 1\nsource: { rules: { dir: services, base: [etc/base.yml] } }\n' });
    await rejects(harbor(home, ['run', 'source', '--capabilities', '']), (err: unknown) => err instanceof DescriptorError && err.message === 'source.rules.base: etc/base.yml does not exist');
  });
  it('a home-relative file and a file of dir, in the order given', async () => {
    const home = await v1Home(V1_ENV, { 'etc/harbor.yaml': 'version: 1\nsource: { rules: { dir: services, base: [./compose.yml, compose.ollama.yml, etc/extra.yml] } }\n', 'etc/extra.yml': 'services: {}\n' });
    deepStrictEqual((await source(home, '--capabilities', '', '--no-defaults', 'ollama')).files, ['compose.yml', 'services/compose.ollama.yml', 'etc/extra.yml']);
  });
});
