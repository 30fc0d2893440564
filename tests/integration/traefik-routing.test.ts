// Traefik routing on the real engine (docs/Harbor-Traefik.md): the generated overlay's labels in compose's own
// config and, after `up`, on the right containers with an address on the provider network; and v1's naming
// scheme (compose.x.traefik.<service>.yml) parameterised by env and the real project name. The proxy is the
// Traefik STAND-IN image (tests/fixtures/traefik-standin): no Traefik binary can be had here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { requireDocker, dockerAnswers } from '../support/docker-available';
import { makeExampleHome, removeExampleHome, runRunner, type ExampleHome } from '../support/compose-home';
import { REPO } from '../support/run-harbor';
import { buildTraefikStandin } from '../support/traefik-standin';

const docker = (...args: string[]) => spawnSync('docker', args, { encoding: 'utf8' });
let image = '';
let example: ExampleHome;
const env = () => ({ HARBOR_TRAEFIK_IMAGE: image, HARBOR_TRAEFIK_HTTP_PORT: '0', HARBOR_TRAEFIK_DOMAIN: 'lan' });

describe('the generated routing overlay on real compose', { skip: !dockerAnswers() && !process.env.CI }, () => {
  before(async () => {
    if (!dockerAnswers()) return;
    image = await buildTraefikStandin();
    example = makeExampleHome();
    cpSync(join(REPO, 'stacks/traefik'), join(example.home, 'stacks/traefik'), { recursive: true });
  });
  after(() => example && removeExampleHome(example));

  test('compose config shows the labels and the network; after up, docker inspect shows them on hello with an address on <project>_traefik-public', async (t) => {
    if (!requireDocker(t)) return;
    const { home, project } = example;
    const up = await runRunner(home, ['up', '--profile', 'traefik'], env());
    assert.equal(up.code, 0, up.stderr);
    // up's URL list: the routed URL beside the published one.
    assert.match(up.stdout, /^hello +http:\/\/localhost:\d+ +http:\/\/hello\.lan$/m);
    assert.match(up.stdout, /^greeter +http:\/\/localhost:\d+ +http:\/\/greeter\.lan$/m);

    // Compose's own merged model (not Harbor's): the -f list as Harbor hands it, overlay included.
    const files = ['compose.yml', 'compose.greeter.yml', 'compose.hello.yml', 'compose.traefik.yml', 'compose.x.hello.greeter.yml'].map((f) => join(home, 'etc/stacks', f));
    const overlays = ['var/run/overlays/compose.traefik.gen.yml', 'var/run/overlays/harbor.gen.yml'].map((f) => join(home, f));
    const config = docker('compose', '-p', project, '--project-directory', home, ...[...files, ...overlays].flatMap((f) => ['-f', f]), 'config', '--format', 'json');
    assert.equal(config.status, 0, config.stderr);
    const model = JSON.parse(config.stdout) as { services: Record<string, { labels?: Record<string, string>; networks: Record<string, unknown> }>; networks: Record<string, { name: string }> };
    const router = `traefik.http.routers.${project}-hello`;
    assert.equal(model.services.hello!.labels![`${router}.rule`], 'Host(`hello.lan`)');
    assert.equal(model.services.hello!.labels!['traefik.docker.network'], `${project}_traefik-public`);
    assert.equal(model.services.hello!.labels![`traefik.http.services.${project}-hello.loadbalancer.server.port`], '80');
    assert.deepStrictEqual(Object.keys(model.services.hello!.networks).sort(), ['harbor-network', 'traefik-public']);
    assert.deepStrictEqual(Object.keys(model.services.traefik!.networks).sort(), ['traefik-public']);
    assert.equal(model.networks['traefik-public']!.name, `${project}_traefik-public`);
    assert.equal(model.services.traefik!.labels?.['traefik.enable'], undefined, 'the proxy itself is not routed');

    const id = docker('compose', '-p', project, '--project-directory', home, ...files.flatMap((f) => ['-f', f]), 'ps', '-q', 'hello').stdout.trim();
    const inspected = JSON.parse(docker('inspect', id).stdout) as Array<{ Config: { Labels: Record<string, string> }; NetworkSettings: { Networks: Record<string, { IPAddress: string }> } }>;
    const labels = inspected[0]!.Config.Labels;
    assert.equal(labels[`${router}.rule`], 'Host(`hello.lan`)');
    assert.equal(labels['traefik.enable'], 'true');
    assert.match(inspected[0]!.NetworkSettings.Networks[`${project}_traefik-public`]!.IPAddress, /^\d+\.\d+\.\d+\.\d+$/);
    // The static config prepare rendered for the proxy.
    const staticConfig = parse(readFileSync(join(home, 'var/run/traefik/config/traefik.yml'), 'utf8')) as { entryPoints: unknown; providers: unknown; api: unknown };
    assert.deepStrictEqual([staticConfig.entryPoints, staticConfig.providers, staticConfig.api], [{ web: { address: ':80' } }, { docker: { exposedByDefault: false } }, { dashboard: false }]);

    const url = await runRunner(home, ['url', '-r', 'hello', '--profile', 'traefik'], env());
    assert.equal(url.stdout, 'http://hello.lan\n', url.stderr);
    const down = await runRunner(home, ['down', '--profile', 'traefik'], env());
    assert.equal(down.code, 0, down.stderr);
  });
});

describe("v1's naming scheme: compose.x.traefik.<service>.yml, parameterised by env and the project name", { skip: !dockerAnswers() && !process.env.CI }, () => {
  let home = '';
  before(() => {
    home = mkdtempSync(join(tmpdir(), 'harbor-naming-'));
    const write = (file: string, text: string) => {
      mkdirSync(join(home, file, '..'), { recursive: true });
      writeFileSync(join(home, file), text);
    };
    write('etc/harbor.yaml', 'version: 1\nprofiles:\n  default: { services: [hello] }\n');
    write('etc/stacks/compose.yml', 'networks:\n  harbor-network: {}\n');
    write('etc/stacks/compose.hello.yml', 'services:\n  hello: { image: harbor-ci/debian:bookworm, expose: ["80"], networks: [harbor-network] }\n');
    write('etc/stacks/compose.traefik.yml', 'services:\n  traefik: { image: "${HARBOR_TRAEFIK_IMAGE:-traefik:v3.7.10}", networks: [traefik-public] }\nnetworks:\n  traefik-public: {}\n');
    // As v1's overlays, but the network follows the real project and the domain comes from env.
    write(
      'etc/stacks/compose.x.traefik.hello.yml',
      [
        'services:',
        '  hello:',
        '    labels:',
        '      - traefik.enable=true',
        '      - traefik.http.routers.hello.rule=Host(`hello.${HARBOR_TRAEFIK_DOMAIN:-localhost}`)',
        '      - traefik.http.services.hello.loadbalancer.server.port=80',
        '      - traefik.docker.network=${COMPOSE_PROJECT_NAME}_traefik-public',
        '    networks: [traefik-public]',
        '',
      ].join('\n'),
    );
  });
  after(() => rmSync(home, { recursive: true, force: true }));

  test('selected only with traefik; the labels name <project>_traefik-public and HARBOR_TRAEFIK_DOMAIN', async (t) => {
    if (!requireDocker(t)) return;
    const project = basename(home).toLowerCase().replace(/[^a-z0-9_-]/g, '');
    const alone = await runRunner(home, ['config', '--format', 'json'], { HARBOR_TRAEFIK_DOMAIN: 'lan' });
    assert.equal(alone.code, 0, alone.stderr);
    assert.equal((JSON.parse(alone.stdout) as { services: Record<string, { labels?: unknown }> }).services.hello!.labels, undefined);
    const routed = await runRunner(home, ['config', '--format', 'json', 'traefik'], { HARBOR_TRAEFIK_DOMAIN: 'lan' });
    assert.equal(routed.code, 0, routed.stderr);
    const model = JSON.parse(routed.stdout) as { services: Record<string, { labels: Record<string, string>; networks: Record<string, unknown> }> };
    assert.equal(model.services.hello!.labels['traefik.docker.network'], `${project}_traefik-public`);
    assert.notEqual(project, 'harbor');
    assert.equal(model.services.hello!.labels['traefik.http.routers.hello.rule'], 'Host(`hello.lan`)');
    assert.deepStrictEqual(Object.keys(model.services.hello!.networks).sort(), ['harbor-network', 'traefik-public']);
    // Compose itself agrees (Harbor's config answered from its own model).
    const files = ['compose.yml', 'compose.hello.yml', 'compose.traefik.yml', 'compose.x.traefik.hello.yml'].map((f) => join(home, 'etc/stacks', f));
    const real = docker('compose', '-p', project, '--project-directory', home, ...files.flatMap((f) => ['-f', f]), 'config', '--format', 'json');
    assert.equal(real.status, 0, real.stderr);
    assert.equal((JSON.parse(real.stdout) as typeof model).services.hello!.labels['traefik.docker.network'], `${project}_traefik-public`);
  });
});
