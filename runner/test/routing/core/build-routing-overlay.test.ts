import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as v from 'valibot';
import { parse } from 'yaml';
import { loadComposeModel } from '../../../src/compose/model/load-compose-model';
import { RoutingSchema } from '../../../src/descriptor/core/routing-schema';
import { buildRoutingOverlay, type RoutingModel } from '../../../src/routing/core/build-routing-overlay';
import { DescriptorError } from '../../../src/shared/core/errors';

const config = (input: Record<string, unknown> = {}) => v.parse(RoutingSchema, input);
const TRAEFIK = { image: 'traefik', ports: [{ target: 80, protocol: 'tcp' }], networks: { 'traefik-public': null } };
const MODEL: RoutingModel = {
  services: {
    traefik: TRAEFIK,
    hello: { ports: [{ target: 80, protocol: 'tcp' }], networks: { 'harbor-network': null } },
    greeter: { expose: ['8080'] },
    worker: {},
  },
  networks: { 'harbor-network': { name: 'demo_harbor-network' } },
};
const build = (input: Record<string, unknown>, model: RoutingModel = MODEL, env: Record<string, string> = {}, secretValues: string[] = []) =>
  buildRoutingOverlay({ config: config(input), project: 'demo', model, env, secretValues });

/** The compose model of one compose file text, as prepare reads it (Harbor's model, not a port-string split). */
function modelOf(compose: string, env: Record<string, string> = {}): RoutingModel {
  const dir = mkdtempSync(join(tmpdir(), 'routing-model-'));
  try {
    writeFileSync(join(dir, 'compose.yml'), compose);
    return loadComposeModel({ project: { name: 'demo', directory: dir }, files: ['compose.yml'], env }) as RoutingModel;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('buildRoutingOverlay: labels', () => {
  it('routes each listed service as <service>.<domain> on its container port, on <project>_traefik-public (a project not named harbor)', () => {
    const overlay = build({ domain: 'lan', services: ['hello', 'greeter'] })!;
    assert.deepStrictEqual(overlay.labels.hello, {
      'traefik.docker.network': 'demo_traefik-public',
      'traefik.enable': 'true',
      'traefik.http.routers.demo-hello.entrypoints': 'web',
      'traefik.http.routers.demo-hello.rule': 'Host(`hello.lan`)',
      'traefik.http.routers.demo-hello.service': 'demo-hello',
      'traefik.http.services.demo-hello.loadbalancer.server.port': '80',
    });
    assert.equal(overlay.labels.greeter!['traefik.http.services.demo-greeter.loadbalancer.server.port'], '8080');
    assert.deepStrictEqual(overlay.routes, { greeter: 'http://greeter.lan', hello: 'http://hello.lan' });
    assert.equal(overlay.network, 'demo_traefik-public');
    assert.deepStrictEqual(overlay.warnings, []);
    const yaml = parse(overlay.yaml) as Record<string, unknown>;
    assert.deepStrictEqual(yaml.networks, { 'traefik-public': {} });
    assert.deepStrictEqual((yaml.services as Record<string, { networks: unknown }>).hello!.networks, { 'traefik-public': {} });
    // A service compose put on `default` (no networks: key) keeps it: the overlay's list is merged, not a replacement.
    assert.deepStrictEqual((yaml.services as Record<string, { networks: unknown }>).greeter!.networks, { default: {}, 'traefik-public': {} });
    assert.deepStrictEqual((yaml.services as Record<string, { networks: unknown; labels?: unknown }>).traefik, { networks: { 'traefik-public': {} } });
    assert.deepStrictEqual(yaml['x-harbor-routes'], overlay.routes);
  });

  it("v1's mock-openai bug: a port `${VAR:-29350}:8080` routes to container port 8080, read from the compose model", () => {
    const model = modelOf('services:\n  traefik: { image: traefik }\n  mock-openai:\n    image: mock\n    ports: ["${HARBOR_MOCK_OPENAI_HOST_PORT:-29350}:8080"]\n');
    const labels = build({ domain: 'lan' }, model)!.labels['mock-openai']!;
    assert.equal(labels['traefik.http.services.demo-mock-openai.loadbalancer.server.port'], '8080');
    assert.equal(labels['traefik.http.routers.demo-mock-openai.rule'], 'Host(`mock-openai.lan`)');
  });

  it("v1's plandex bug: a service v1 left without a router gets one", () => {
    const model = modelOf('services:\n  traefik: { image: traefik }\n  plandex:\n    image: plandex\n    ports: ["${HARBOR_PLANDEX_HOST_PORT:-33941}:8099"]\n    volumes: ["./plandex:/plandex-server"]\n');
    const labels = build({ domain: 'lan', services: ['plandex'] }, model)!.labels.plandex!;
    assert.equal(labels['traefik.http.routers.demo-plandex.rule'], 'Host(`plandex.lan`)');
    assert.equal(labels['traefik.http.services.demo-plandex.loadbalancer.server.port'], '8099');
  });

  it("v1's naming scheme: a hand-kept overlay's ${COMPOSE_PROJECT_NAME}_traefik-public is the real project's network in the model", () => {
    const model = modelOf('services:\n  hello:\n    image: x\n    labels: ["traefik.docker.network=${COMPOSE_PROJECT_NAME}_traefik-public", "traefik.http.routers.hello.rule=Host(`hello.${HARBOR_TRAEFIK_DOMAIN:-localhost}`)"]\n', { HARBOR_TRAEFIK_DOMAIN: 'lan' });
    const labels = (model.services!.hello as unknown as { labels: Record<string, string> }).labels;
    assert.deepStrictEqual(labels, { 'traefik.docker.network': 'demo_traefik-public', 'traefik.http.routers.hello.rule': 'Host(`hello.lan`)' });
  });

  it('the provider network is the real name: a declared network keeps its own name, and the overlay does not declare it again', () => {
    const overlay = build({ domain: 'lan', network: 'harbor-network', services: ['hello'] })!;
    assert.equal(overlay.labels.hello!['traefik.docker.network'], 'demo_harbor-network');
    assert.equal((parse(overlay.yaml) as Record<string, unknown>).networks, undefined);
    const named = build({ domain: 'lan', services: ['hello'] }, { ...MODEL, networks: { 'traefik-public': { name: 'edge' } } })!;
    assert.equal(named.labels.hello!['traefik.docker.network'], 'edge');
  });

  it('domain and network default to HARBOR_TRAEFIK_DOMAIN and HARBOR_TRAEFIK_NETWORK from the env', () => {
    const overlay = build({ services: ['hello'] }, MODEL, { HARBOR_TRAEFIK_DOMAIN: 'home.arpa', HARBOR_TRAEFIK_NETWORK: 'edge' })!;
    assert.equal(overlay.labels.hello!['traefik.http.routers.demo-hello.rule'], 'Host(`hello.home.arpa`)');
    assert.equal(overlay.labels.hello!['traefik.docker.network'], 'demo_edge');
  });

  it('no domain anywhere: localhost (hello.localhost reaches this host); printed URLs carry the port the proxy publishes', () => {
    const model: RoutingModel = { ...MODEL, services: { ...MODEL.services, traefik: { ...TRAEFIK, ports: [{ target: 80, published: '34180', protocol: 'tcp' }] } } };
    const overlay = build({ services: ['hello'] }, model)!;
    assert.equal(overlay.labels.hello!['traefik.http.routers.demo-hello.rule'], 'Host(`hello.localhost`)');
    assert.deepStrictEqual(overlay.routes, { hello: 'http://hello.localhost:34180' });
    assert.deepStrictEqual(build({ services: ['hello'], publicPort: 8080 }, model)!.routes, { hello: 'http://hello.localhost:8080' });
    assert.deepStrictEqual(build({ services: ['hello'], publicPort: 80 }, model)!.routes, { hello: 'http://hello.localhost' });
    assert.deepStrictEqual(build({ services: ['hello'], tls: true, publicPort: 443 }, model)!.routes, { hello: 'https://hello.localhost' });
  });

  it('tls, cert resolver, entrypoints, host, path, middlewares and port overrides', () => {
    const overlay = build({
      domain: 'example.com',
      tls: true,
      certResolver: 'letsencrypt',
      services: ['hello', 'greeter'],
      overrides: { hello: { host: 'www.example.com', path: '/app', middlewares: ['auth@file', 'gzip'] }, greeter: { port: 9000 } },
    })!;
    assert.deepStrictEqual(overlay.labels.hello, {
      'traefik.docker.network': 'demo_traefik-public',
      'traefik.enable': 'true',
      'traefik.http.routers.demo-hello.entrypoints': 'websecure',
      'traefik.http.routers.demo-hello.middlewares': 'auth@file,gzip',
      'traefik.http.routers.demo-hello.rule': 'Host(`www.example.com`) && PathPrefix(`/app`)',
      'traefik.http.routers.demo-hello.service': 'demo-hello',
      'traefik.http.routers.demo-hello.tls': 'true',
      'traefik.http.routers.demo-hello.tls.certresolver': 'letsencrypt',
      'traefik.http.services.demo-hello.loadbalancer.server.port': '80',
    });
    assert.equal(overlay.labels.greeter!['traefik.http.services.demo-greeter.loadbalancer.server.port'], '9000');
    assert.deepStrictEqual(overlay.routes, { greeter: 'https://greeter.example.com', hello: 'https://www.example.com/app' });
    assert.equal(build({ domain: 'lan', entrypoints: ['web', 'lan'], services: ['hello'] })!.labels.hello!['traefik.http.routers.demo-hello.entrypoints'], 'web,lan');
  });

  it('services: all routes every service with one port but the proxy; no port, network_mode and unselected services are left out', () => {
    const model: RoutingModel = { services: { ...MODEL.services, host: { network_mode: 'host', ports: [{ target: 1 }] } } };
    const overlay = build({ domain: 'lan' }, model)!;
    assert.deepStrictEqual(Object.keys(overlay.labels), ['greeter', 'hello']);
    const listed = build({ domain: 'lan', services: ['hello', 'webui'] })!;
    assert.deepStrictEqual(listed.warnings, ['routing.services names webui, which is not selected: it is not routed']);
  });

  it('no overlay when the proxy service is not selected (the default deploy stays as it was)', () => {
    assert.equal(build({ domain: 'lan' }, { services: { hello: MODEL.services!.hello } }), undefined);
    assert.equal(build({ domain: 'lan', proxy: 'edge' }), undefined);
  });
});

describe('buildRoutingOverlay: errors name the routing key to set', () => {
  const cases: Array<{ name: string; input: Record<string, unknown>; model?: RoutingModel; env?: Record<string, string>; secrets?: string[]; message: string; hint: string }> = [
    { name: 'an env domain that is no DNS name (not quoted back)', input: {}, env: { HARBOR_TRAEFIK_DOMAIN: 'hidden-zone lan' }, message: 'HARBOR_TRAEFIK_DOMAIN: not a DNS name such as lan or example.com', hint: 'fix HARBOR_TRAEFIK_DOMAIN in your env layers, or set routing.domain' },
    { name: 'cert resolver without tls', input: { domain: 'lan', certResolver: 'le' }, message: 'routing.certResolver: a certificate resolver needs TLS', hint: 'set routing.tls: true, or remove routing.certResolver' },
    { name: 'override of an unlisted service', input: { domain: 'lan', services: ['hello'], overrides: { greeter: { port: 80 } } }, message: 'routing.overrides.greeter: "greeter" is not in routing.services', hint: 'add greeter to routing.services, or remove routing.overrides.greeter' },
    { name: 'a listed service with no port', input: { domain: 'lan', services: ['worker'] }, message: 'routing.services: worker has no container port in its compose file (ports: or expose:)', hint: 'set routing.overrides.worker.port to the port it listens on' },
    {
      name: 'several ports',
      input: { domain: 'lan' },
      model: { services: { traefik: TRAEFIK, api: { ports: [{ target: 8080, protocol: 'tcp' }, { target: 9090, protocol: 'tcp' }], expose: ['8080'] } } },
      message: 'routing: api has several container ports (8080, 9090): Harbor cannot tell which one serves HTTP',
      hint: 'set routing.overrides.api.port to one of 8080, 9090',
    },
    {
      name: 'network_mode',
      input: { domain: 'lan', services: ['vpn'] },
      model: { services: { traefik: TRAEFIK, vpn: { network_mode: 'host', ports: [{ target: 80 }] } } },
      message: 'routing.services: vpn uses network_mode "host", so Traefik cannot reach it on traefik-public',
      hint: 'remove vpn from routing.services',
    },
    {
      name: 'a secret value in a label (a domain from a secrets layer)',
      input: { services: ['hello'] },
      env: { HARBOR_TRAEFIK_DOMAIN: 'hidden-zone-91c2.example' },
      secrets: ['hidden-zone-91c2'],
      message: 'routing: the label traefik.http.routers.demo-hello.rule of hello would hold a secret value from the env layers',
      hint: 'labels are visible to anyone who can run `docker inspect`: take routing.domain and hosts from a plain env layer or the descriptor',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.throws(
        () => build(c.input, c.model ?? MODEL, c.env ?? {}, c.secrets ?? []),
        (err: unknown) => err instanceof DescriptorError && err.message === c.message && err.hint === c.hint && !err.message.includes('hidden-zone'),
      );
    });
  }
});

describe('routing schema: bad values stop at the descriptor', () => {
  const cases: Array<{ input: Record<string, unknown>; message: string }> = [
    { input: { domain: 'not a domain' }, message: 'must be a DNS name such as lan or example.com' },
    { input: { services: 'some' }, message: 'must be "all" or a list of service names' },
    { input: { entrypoints: [] }, message: 'must name at least one entrypoint' },
    { input: { overrides: { hello: { path: 'api' } } }, message: 'must be a URL path starting with / (no backticks, spaces or query)' },
    { input: { overrides: { hello: { path: '/a`) || Host(`x' } } }, message: 'must be a URL path starting with / (no backticks, spaces or query)' },
    { input: { overrides: { hello: { port: 70000 } } }, message: 'must be 1 to 65535' },
    { input: { overrides: { hello: { middlewares: ['a,b'] } } }, message: 'must be a Traefik name: letters, digits, "-" and "_" (with an optional @provider)' },
  ];
  for (const c of cases) {
    it(JSON.stringify(c.input), () => {
      const result = v.safeParse(RoutingSchema, c.input);
      assert.equal(result.success, false);
      assert.equal(result.issues?.[0]?.message, c.message);
    });
  }
});

describe('every generated label key is a Traefik v3.7 docker label key, rules in v3 syntax', () => {
  // tests/fixtures/traefik/docker-label-keys-v3.7.tsv: <name> is a router/service/middleware name, <n> an index.
  const tsv = readFileSync(new URL('../../../../tests/fixtures/traefik/docker-label-keys-v3.7.tsv', import.meta.url), 'utf8');
  const patterns = tsv
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t')[0]!)
    .map((key) => new RegExp(`^${key.replace(/[.[\]]/g, '\\$&').replace(/<name>/g, '[A-Za-z0-9_-]+').replace(/<n>/g, '[0-9]+')}$`, 'i'));
  const overlays = [
    build({ domain: 'lan' })!,
    build({ domain: 'example.com', tls: true, certResolver: 'le', entrypoints: ['websecure'], overrides: { hello: { path: '/p', middlewares: ['auth@file'], host: 'h.example.com' }, greeter: { port: 1 } } })!,
  ];
  it('the fixture holds the keys it should', () => assert.ok(patterns.length > 200));
  for (const [i, overlay] of overlays.entries()) {
    it(`overlay ${i}: every key matches a pattern; rules use Host/PathPrefix with backticks, no v2 forms`, () => {
      const keys = Object.values(overlay.labels).flatMap((labels) => Object.keys(labels));
      assert.ok(keys.length >= 12);
      for (const key of keys) assert.ok(patterns.some((p) => p.test(key)), `${key} is not a Traefik v3.7 docker label key`);
      const rules = Object.values(overlay.labels).flatMap((labels) => Object.entries(labels).filter(([k]) => k.endsWith('.rule')).map(([, r]) => r));
      for (const rule of rules) {
        assert.match(rule, /^Host\(`[a-z0-9.-]+`\)( && PathPrefix\(`\/[^`]*`\))?$/);
        assert.doesNotMatch(rule, /HostRegexp|[{}]|Host\(`[^`]*`,/);
      }
    });
  }
});
