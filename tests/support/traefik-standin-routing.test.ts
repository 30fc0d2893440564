// Table tests for the pure half of the Traefik stand-in (tests/fixtures/traefik-standin/routing.mjs): static
// config defaults, the v3 rule parser and matcher, label decoding, and the routing table the docker provider
// would build. The expected values follow Traefik v3's sources (README.md beside the stand-in names the files).
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import {
  buildRoutes,
  decodeLabels,
  matches,
  normalize,
  parseRule,
  readStaticConfig,
  renderDefaultRule,
  requestHost,
  serviceName,
  type InspectedContainer,
  type StaticConfig,
} from '../fixtures/traefik-standin/routing.mjs';

const config = (docker: object = {}, entryPoints: object = { web: { address: ':80' }, websecure: { address: ':443' } }): StaticConfig =>
  readStaticConfig({ entryPoints, providers: { docker } });

function container(name: string, labels: Record<string, string>, more: Partial<InspectedContainer> & { networks?: Record<string, string>; ports?: string[] } = {}): InspectedContainer {
  const networks = Object.fromEntries(Object.entries(more.networks ?? { p_proxy: '10.0.0.2' }).map(([n, ip]) => [n, { IPAddress: ip }]));
  return {
    Name: `/${name}`,
    Config: { Labels: labels },
    State: more.State ?? { Status: 'running' },
    NetworkSettings: { Networks: networks, Ports: Object.fromEntries((more.ports ?? ['8080/tcp']).map((p) => [p, null])) },
  };
}

function routes(containers: InspectedContainer[], cfg = config({ network: 'p_proxy' })) {
  const logs: string[] = [];
  const table = buildRoutes(containers, cfg, (level, message) => logs.push(`${level}: ${message}`));
  return { table: table.map((r) => ({ name: r.name, rule: r.rule, priority: r.priority, entryPoints: r.entryPoints, servers: r.servers.map((s) => s.url) })), logs };
}

describe('static config', () => {
  test("Traefik's defaults: exposedByDefault true, the socket endpoint, the normalize default rule, :80 as http", () => {
    assert.deepEqual(readStaticConfig({ providers: { docker: {} } }), {
      entryPoints: [{ name: 'http', host: undefined, port: 80, asDefault: false }],
      docker: { endpoint: 'unix:///var/run/docker.sock', network: '', exposedByDefault: true, defaultRule: 'Host(`{{ normalize .Name }}`)', allowEmptyServices: false },
    });
  });
  test('keys are case-insensitive; flag values arrive as strings', () => {
    const c = readStaticConfig({ EntryPoints: { web: { Address: '127.0.0.1:8000', asDefault: true } }, Providers: { Docker: { ExposedByDefault: 'false', Network: 'n' } } });
    assert.deepEqual(c.entryPoints, [{ name: 'web', host: '127.0.0.1', port: 8000, asDefault: true }]);
    assert.equal(c.docker.exposedByDefault, false);
    assert.equal(c.docker.network, 'n');
  });
  for (const [raw, message] of [
    [{ entryPoints: { web: { address: 'eighty' } }, providers: { docker: {} } }, 'entryPoints.web.address: "eighty" is not [host]:port'],
    [{ entryPoints: { dns: { address: ':53/udp' } }, providers: { docker: {} } }, 'entryPoints.dns: UDP entry points are not supported by the stand-in'],
    [{ entryPoints: { web: { address: ':80' } } }, 'providers.docker is not set: the stand-in only implements the docker provider'],
    [{ providers: { docker: { exposedByDefault: 'maybe' } } }, 'invalid boolean "maybe"'],
  ] as const) {
    test(`refused: ${message}`, () => assert.throws(() => readStaticConfig(raw), { message }));
  }
});

describe('rules', () => {
  const req = (host: string, path = '/', method = 'GET', headers: Record<string, string> = {}) => ({ host: requestHost(host), path, method, headers });
  for (const [rule, request, expected] of [
    ['Host(`a.test`)', req('a.test'), true],
    ['Host(`a.test`)', req('A.Test:8080'), true],
    ['Host(`a.test`)', req('a.test.'), true],
    ['Host(`a.test`)', req('b.a.test'), false],
    ['Host("a.test")', req('a.test'), true],
    ['Host(`*`)', req('anything'), true],
    ['PathPrefix(`/api`)', req('x', '/apiary'), true],
    ['PathPrefix(`/api`)', req('x', '/ap'), false],
    ['Path(`/exact`)', req('x', '/exact'), true],
    ['Path(`/exact`)', req('x', '/exact/'), false],
    ['Host(`a`) && PathPrefix(`/x`)', req('a', '/y'), false],
    ['Host(`a`) || Host(`b`) && Path(`/p`)', req('a', '/q'), true],
    ['(Host(`a`) || Host(`b`)) && Path(`/p`)', req('a', '/q'), false],
    ['Host(`a`) && !PathPrefix(`/admin`)', req('a', '/admin/x'), false],
    ['Method(`post`)', req('a', '/', 'POST'), true],
    ['Header(`X-Env`, `dev`)', req('a', '/', 'GET', { 'x-env': 'dev' }), true],
  ] as const) {
    test(`${rule} on ${request.method} ${request.host}${request.path}: ${expected}`, () => assert.equal(matches(parseRule(rule), request), expected));
  }
  for (const [rule, message] of [
    ['Host(`a`,`b`)', 'error while adding rule Host: unexpected number of parameters; got 2, expected one of [1]'],
    ['HostRegexp(`^a$`)', 'HostRegexp is valid Traefik v3 but not implemented by the stand-in (it supports Host, Path, PathPrefix, Method, Header)'],
    ['Hots(`a`)', 'unsupported function: Hots'],
    ['PathPrefix(`api`)', `path "api" does not start with a '/'`],
    ['Host(`a`) &&', 'expected "id" at token 5, got "end"'],
    ['Host(`a`) Host(`b`)', 'unexpected "Host" after the rule'],
    ['Host(`a)', 'unterminated string at 5'],
    ['', 'empty rule'],
  ] as const) {
    test(`refused: ${rule || '(empty)'}`, () => assert.throws(() => parseRule(rule), { message }));
  }
});

describe('labels and names', () => {
  test('normalize and the compose service name, as Traefik builds the default rule', () => {
    assert.equal(normalize('web_ui.my proj'), 'web-ui-my-proj');
    assert.equal(serviceName(container('harbor-webui-1', { 'com.docker.compose.project': 'harbor', 'com.docker.compose.service': 'webui' })), 'webui-harbor');
    assert.equal(serviceName(container('plain_name', {})), 'plain-name');
    assert.equal(renderDefaultRule('Host(`{{ normalize .Name }}.lan`)', { Name: 'webui_harbor', ContainerName: 'x', Labels: {} }), 'Host(`webui-harbor.lan`)');
    assert.throws(() => renderDefaultRule('Host(`{{ .Foo }}`)', { Name: 'a', ContainerName: 'b', Labels: {} }), { message: 'defaultRule: the stand-in cannot evaluate {{ .Foo }}' });
  });
  test('option names are case-insensitive, router names keep their case, unknown keys are listed', () => {
    const d = decodeLabels({
      'traefik.enable': 'True',
      'traefik.http.routers.MyRouter.Rule': 'Host(`a`)',
      'traefik.http.routers.MyRouter.EntryPoints': 'web, websecure',
      'traefik.http.routers.MyRouter.middlewares': 'auth',
      'traefik.http.services.Svc.LoadBalancer.Server.Port': '3000',
      'traefik.docker.network': 'p_other',
    }, config().docker);
    assert.deepEqual(d, {
      enable: true, network: 'p_other', allowNonRunning: false, ignored: ['traefik.http.routers.MyRouter.middlewares'],
      routers: { MyRouter: { rule: 'Host(`a`)', entryPoints: ['web', 'websecure'] } }, services: { Svc: { port: '3000' } },
    });
  });
  for (const [labels, message] of [
    [{ 'traefik.enable': 'yes' }, 'invalid boolean "yes"'],
    [{ 'traefik.http.services.s.loadbalancer.server.port': '-29350}' }, 'traefik.http.services.s.loadbalancer.server.port: "-29350}" is not a port number'],
    [{ 'traefik.http.routers.r.priority': 'high' }, 'traefik.http.routers.r.priority: "high" is not an integer'],
  ] as const) {
    test(`refused label: ${message}`, () => assert.throws(() => decodeLabels(labels, config().docker), { message }));
  }
});

describe('the routing table', () => {
  test('longest rule first; no entrypoints label means every entry point', () => {
    const { table } = routes([
      container('a', { 'traefik.http.routers.a.rule': 'Host(`h`)', 'traefik.http.routers.a.entrypoints': 'web' }),
      container('b', { 'traefik.http.routers.b.rule': 'Host(`h`) && PathPrefix(`/b`)' }, { networks: { p_proxy: '10.0.0.3' } }),
    ]);
    assert.deepEqual(table, [
      { name: 'b@docker', rule: 'Host(`h`) && PathPrefix(`/b`)', priority: 29, entryPoints: ['web', 'websecure'], servers: ['http://10.0.0.3:8080'] },
      { name: 'a@docker', rule: 'Host(`h`)', priority: 9, entryPoints: ['web'], servers: ['http://10.0.0.2:8080'] },
    ]);
  });
  test('asDefault entry points take routers without an entrypoints label; an unknown entry point is logged', () => {
    const cfg = config({}, { web: { address: ':80' }, admin: { address: ':9000', asDefault: true } });
    const { table, logs } = routes([container('a', { 'traefik.http.routers.a.rule': 'Host(`a`)' }), container('b', { 'traefik.http.routers.b.rule': 'Host(`b`)', 'traefik.http.routers.b.entrypoints': 'websecure' })], cfg);
    assert.deepEqual(table.map((r) => [r.name, r.entryPoints]), [['a@docker', ['admin']], ['b@docker', ['websecure']]]);
    assert.deepEqual(logs, ["error: router b@docker: EntryPoint doesn't exist: websecure"]);
  });
  test('no labels but enabled: the default router and rule, the lowest exposed port', () => {
    const { table } = routes([container('harbor-webui-1', { 'com.docker.compose.project': 'harbor', 'com.docker.compose.service': 'webui' }, { ports: ['9090/tcp', '8081/tcp'] })]);
    assert.deepEqual(table, [{ name: 'webui-harbor@docker', rule: 'Host(`webui-harbor`)', priority: 20, entryPoints: ['web', 'websecure'], servers: ['http://10.0.0.2:8081'] }]);
  });
  test('exposedByDefault=false needs traefik.enable=true', () => {
    const cfg = config({ exposedByDefault: false });
    assert.deepEqual(routes([container('a', { 'traefik.http.routers.a.rule': 'Host(`a`)' })], cfg).table, []);
    assert.equal(routes([container('a', { 'traefik.enable': 'true', 'traefik.http.routers.a.rule': 'Host(`a`)' })], cfg).table.length, 1);
  });
  test("the named network's address; a missing one warns and falls back to the first network", () => {
    const c = container('a', { 'traefik.http.routers.a.rule': 'Host(`a`)' }, { networks: { p_other: '10.1.0.5', p_proxy: '10.0.0.5' } });
    assert.deepEqual(routes([c]).table[0]!.servers, ['http://10.0.0.5:8080']);
    const { table, logs } = routes([c], config({ network: 'harbor_traefik-public' }));
    assert.deepEqual(table[0]!.servers, ['http://10.1.0.5:8080']);
    assert.deepEqual(logs, [
      `warn: Could not find network named "harbor_traefik-public" for container "/a". Maybe you're missing the project's prefix in the label?`,
      'warn: Defaulting to first available network ("p_other") for container "/a".',
    ]);
  });
  test('no port at all: the container is skipped with "port is missing"', () => {
    const { table, logs } = routes([container('a', { 'traefik.http.routers.a.rule': 'Host(`a`)' }, { ports: [] })]);
    assert.deepEqual(table, []);
    assert.deepEqual(logs, ['error: container a: service "a" error: port is missing']);
  });
  test('a router without a service on a container with two services is dropped', () => {
    const { table, logs } = routes([container('a', { 'traefik.http.routers.r.rule': 'Host(`a`)', 'traefik.http.services.s1.loadbalancer.server.port': '1', 'traefik.http.services.s2.loadbalancer.server.port': '2' })]);
    assert.deepEqual(table, []);
    assert.deepEqual(logs, ['error: Router r cannot be linked automatically with multiple Services: ["s1","s2"]']);
  });
  test('one service name on two containers load-balances; one router name defined two ways is dropped', () => {
    const labels = { 'traefik.http.routers.r.rule': 'Host(`a`)', 'traefik.http.services.s.loadbalancer.server.port': '80' };
    const same = routes([container('a', labels), container('b', labels, { networks: { p_proxy: '10.0.0.9' } })]);
    assert.deepEqual(same.table[0]!.servers, ['http://10.0.0.2:80', 'http://10.0.0.9:80']);
    const clash = routes([container('a', labels), container('b', { ...labels, 'traefik.http.routers.r.rule': 'Host(`b`)' })]);
    assert.deepEqual(clash.table, []);
    assert.deepEqual(clash.logs, ['error: Router r defined multiple times with different configurations']);
  });
  test('stopped: filtered, or an empty load balancer with allownonrunning; starting/unhealthy: filtered unless allowEmptyServices', () => {
    const r = { 'traefik.http.routers.r.rule': 'Host(`a`)' };
    assert.deepEqual(routes([container('a', r, { State: { Status: 'exited' } })]).table, []);
    assert.deepEqual(routes([container('a', { ...r, 'traefik.docker.allownonrunning': 'true' }, { State: { Status: 'exited' } })]).table[0]!.servers, []);
    const starting = container('a', r, { State: { Status: 'running', Health: { Status: 'starting' } } });
    assert.deepEqual(routes([starting]).table, []);
    assert.deepEqual(routes([starting], config({ allowEmptyServices: true })).table[0]!.servers, []);
  });
  test('a bad rule drops only its router, with the reason', () => {
    const { table, logs } = routes([container('a', { 'traefik.http.routers.bad.rule': 'Host(`a`,`b`)', 'traefik.http.routers.good.rule': 'Host(`c`)', 'traefik.http.services.s.loadbalancer.server.port': '80' })]);
    assert.deepEqual(table.map((r) => r.name), ['good@docker']);
    assert.deepEqual(logs, ['error: router bad@docker: rule Host(`a`,`b`): error while adding rule Host: unexpected number of parameters; got 2, expected one of [1]']);
  });
});
