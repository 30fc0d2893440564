// The Traefik stand-in (tests/fixtures/traefik-standin) on the real engine, with a hand-written compose project:
// echo backends (they answer with the port and the address they were reached on) labelled the way Traefik's
// docker provider reads labels, the stand-in with a static config file and the socket mounted read-only, and a
// second stand-in configured by command-line flags with Traefik's defaults. Requests go through Node's http
// client with an explicit Host header.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dockerAnswers, requireDocker } from '../support/docker-available';
import { buildTraefikStandin } from '../support/traefik-standin';

const NODE_IMAGE = process.env.CI_NODE24_IMAGE ?? 'harbor-ci/node:24';
const project = `tsi${randomBytes(4).toString('hex')}`;
const net = (name: string) => `${project}_${name}`;
let dir: string;
const ports: Record<string, number> = {};

const compose = (...args: string[]) => spawnSync('docker', ['compose', '-p', project, '-f', join(dir, 'compose.json'), ...args], { encoding: 'utf8' });

// Answers every request with what it saw: which backend, on which port, on which local address (so the test
// knows which network the proxy came through), and the Host / X-Forwarded-* headers. No "$" (compose interpolates).
const BACKEND = `const http = require('node:http');
for (const port of (process.env.PORTS || '8080').split(',')) {
  http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ name: process.env.NAME, port: Number(port), local: req.socket.localAddress.replace(/^::ffff:/, ''),
      host: req.headers.host, path: req.url, xfHost: req.headers['x-forwarded-host'], xfPort: req.headers['x-forwarded-port'] }));
  }).listen(Number(port));
}
`;

function backend(name: string, labels: Record<string, string>, options: { ports?: string; expose?: string[]; networks?: string[] } = {}) {
  return {
    image: NODE_IMAGE,
    command: ['node', '/backend.cjs'],
    environment: { NAME: name, PORTS: options.ports ?? '8080' },
    volumes: [`${join(dir, 'backend.cjs')}:/backend.cjs:ro`],
    labels,
    // Traefik takes the port from the label, else the lowest exposed one: these expose theirs like an image would.
    expose: options.expose ?? ['8080'],
    networks: options.networks ?? ['proxy'],
    stop_grace_period: '1s',
  };
}

const enabled = (router: string, rule: string, extra: Record<string, string> = {}) => ({
  'traefik.enable': 'true',
  [`traefik.http.routers.${router}.rule`]: rule,
  ...extra,
});

function writeProject(standin: string): void {
  writeFileSync(join(dir, 'backend.cjs'), BACKEND);
  // entryPoints names as in the docs; "websecure" is plain HTTP here (the stand-in does no TLS).
  writeFileSync(
    join(dir, 'traefik.yml'),
    ['entryPoints:', '  web:', '    address: ":80"', '  websecure:', '    address: ":8443"', 'providers:', '  docker:', `    network: ${net('proxy')}`, '    exposedByDefault: false', ''].join('\n'),
  );
  const socket = '/var/run/docker.sock:/var/run/docker.sock:ro';
  const model = {
    name: project,
    networks: { proxy: {}, other: {} },
    services: {
      proxy: { image: standin, volumes: [`${join(dir, 'traefik.yml')}:/etc/traefik/traefik.yml:ro`, socket], ports: ['127.0.0.1::80', '127.0.0.1::8443'], networks: ['proxy', 'other'] },
      // Configured by flags only: exposedByDefault is Traefik's default (true), every entry point is "web".
      flags: { image: standin, command: ['--entryPoints.web.address=:80', `--providers.docker.network=${net('proxy')}`], volumes: [socket], ports: ['127.0.0.1::80'], networks: ['proxy'] },
      hello: backend('hello', enabled('hello', 'Host(`hello.example.test`)', {
        'traefik.http.routers.hello.entrypoints': 'web',
        'traefik.http.services.hello.loadbalancer.server.port': '8080',
        'traefik.docker.network': net('proxy'),
      }), { networks: ['other', 'proxy'] }),
      // Longer rule than hello's: tried first for /api paths on the same host.
      api: backend('api', enabled('api', 'Host(`hello.example.test`) && PathPrefix(`/api`)', { 'traefik.http.routers.api.entrypoints': 'web' })),
      either: backend('either', enabled('either', 'Host(`one.example.test`) || (Host(`two.example.test`) && Path(`/exact`))')),
      disabled: backend('disabled', { 'traefik.enable': 'false', 'traefik.http.routers.disabled.rule': 'Host(`disabled.example.test`)' }),
      notenabled: backend('notenabled', { 'traefik.http.routers.notenabled.rule': 'Host(`notenabled.example.test`)' }),
      secure: backend('secure', enabled('secure', 'Host(`secure.example.test`)', { 'traefik.http.routers.secure.entrypoints': 'websecure' })),
      twoports: backend('twoports', enabled('twoports', 'Host(`twoports.example.test`)', { 'traefik.http.services.twoports.loadbalancer.server.port': '9090' }), { ports: '8080,9090', expose: ['8080', '9090'] }),
      // No router, no port: Traefik's default rule Host(`<service>-<project>`) and the lowest exposed port.
      lowest: backend('lowest', { 'traefik.enable': 'true' }, { ports: '9090,8081', expose: ['9090', '8081'] }),
      // On both networks, the label names "other" over the provider's "proxy".
      othernet: backend('othernet', enabled('othernet', 'Host(`othernet.example.test`)', { 'traefik.docker.network': net('other') }), { networks: ['proxy', 'other'] }),
      dead: backend('dead', enabled('dead', 'Host(`dead.example.test`)', { 'traefik.http.services.dead.loadbalancer.server.port': '9999' })),
      // Kept while stopped (traefik.docker.allownonrunning): an empty load balancer, 503.
      stopped: { ...backend('stopped', enabled('stopped', 'Host(`stopped.example.test`)', { 'traefik.docker.allownonrunning': 'true' })), command: ['node', '-e', ''], restart: 'no' },
      // Never healthy: filtered out, as Traefik does until a container is healthy.
      unhealthy: { ...backend('unhealthy', enabled('unhealthy', 'Host(`unhealthy.example.test`)')), healthcheck: { test: ['CMD', 'false'], interval: '1s', retries: 1 } },
      v2rule: backend('v2rule', enabled('v2rule', 'Host(`a.example.test`,`b.example.test`)')),
    },
  };
  writeFileSync(join(dir, 'compose.json'), JSON.stringify(model, null, 2));
}

interface Answer {
  status: number;
  body: string;
  json?: { name: string; port: number; local: string; host: string; path: string; xfHost: string; xfPort: string };
}

function get(port: number, host: string, path = '/'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers: { host }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        let json;
        try {
          json = JSON.parse(body);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, body, json });
      });
    });
    req.on('error', reject);
    req.setTimeout(20_000, () => req.destroy(new Error(`GET ${host}${path} timed out`)));
  });
}

/** Retries until the backend behind `host` answers 200 (the proxy and the backends start in parallel). */
async function waitFor(port: number, host: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last = '';
  while (Date.now() < deadline) {
    const r = await get(port, host).catch((e: Error) => ({ status: 0, body: e.message }));
    if (r.status === 200) return;
    last = `${r.status} ${r.body}`;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${host} on port ${port} never answered 200 (last: ${last}); proxy logs:\n${compose('logs', '--no-color', 'proxy').stdout}`);
}

function ipOn(service: string, network: string): string {
  const id = compose('ps', '-q', service).stdout.trim();
  const r = spawnSync('docker', ['inspect', '--format', `{{ (index .NetworkSettings.Networks "${network}").IPAddress }}`, id], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

const publishedPort = (service: string, port: number) => Number(compose('port', service, String(port)).stdout.trim().split(':').pop());

describe('the Traefik stand-in routes by traefik.* labels like the docker provider', { skip: !dockerAnswers() && !process.env.CI }, () => {
  before(async () => {
    if (!dockerAnswers()) return;
    dir = mkdtempSync(join(tmpdir(), 'traefik-standin-'));
    writeProject(await buildTraefikStandin());
    const up = compose('up', '-d', '--quiet-pull');
    assert.equal(up.status, 0, up.stderr);
    ports.web = publishedPort('proxy', 80);
    ports.websecure = publishedPort('proxy', 8443);
    ports.flags = publishedPort('flags', 80);
    for (const host of ['hello.example.test', 'one.example.test', 'twoports.example.test', `lowest-${project}`, 'othernet.example.test']) await waitFor(ports.web!, host);
    await waitFor(ports.websecure!, 'secure.example.test');
  });
  after(() => {
    if (!dir) return;
    compose('down', '--volumes', '--remove-orphans', '--timeout', '1');
    rmSync(dir, { recursive: true, force: true });
  });

  test('the Host header routes to hello on the provider network, with Host passed through and X-Forwarded-* set', async (t) => {
    if (!requireDocker(t)) return;
    const r = await get(ports.web!, 'hello.example.test', '/page?q=1');
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(r.json, { name: 'hello', port: 8080, local: ipOn('hello', net('proxy')), host: 'hello.example.test', path: '/page?q=1', xfHost: 'hello.example.test', xfPort: '80' });
    // Host matching ignores case and the port, as Traefik's.
    const mixed = await get(ports.web!, 'Hello.Example.TEST:8000');
    assert.equal(mixed.json?.name, 'hello');
  });

  test('PathPrefix: the longer rule wins for /api paths (a plain prefix), the host rule takes the rest', async (t) => {
    if (!requireDocker(t)) return;
    assert.equal((await get(ports.web!, 'hello.example.test', '/api/items')).json?.name, 'api');
    assert.equal((await get(ports.web!, 'hello.example.test', '/apiary')).json?.name, 'api');
    assert.equal((await get(ports.web!, 'hello.example.test', '/ap')).json?.name, 'hello');
    // The api router also requires the host.
    assert.equal((await get(ports.web!, 'elsewhere.example.test', '/api/items')).status, 404);
  });

  test('|| and && with parentheses: one host on every path, the other only on its exact Path', async (t) => {
    if (!requireDocker(t)) return;
    assert.equal((await get(ports.web!, 'one.example.test', '/anything')).json?.name, 'either');
    assert.equal((await get(ports.web!, 'two.example.test', '/exact')).json?.name, 'either');
    assert.equal((await get(ports.web!, 'two.example.test', '/exact/more')).status, 404);
  });

  test("an unknown host gets 404 with Traefik's body", async (t) => {
    if (!requireDocker(t)) return;
    const r = await get(ports.web!, 'nobody.example.test');
    assert.equal(r.status, 404);
    assert.equal(r.body, '404 page not found\n');
  });

  test('traefik.enable=false, and no traefik.enable under exposedByDefault=false: not routed', async (t) => {
    if (!requireDocker(t)) return;
    assert.equal((await get(ports.web!, 'disabled.example.test')).status, 404);
    assert.equal((await get(ports.web!, 'notenabled.example.test')).status, 404);
  });

  test("exposedByDefault defaults to true (static config from flags), traefik.enable=false still wins", async (t) => {
    if (!requireDocker(t)) return;
    await waitFor(ports.flags!, 'notenabled.example.test');
    assert.equal((await get(ports.flags!, 'notenabled.example.test')).json?.name, 'notenabled');
    assert.equal((await get(ports.flags!, 'disabled.example.test')).status, 404);
  });

  test('entry points: a router on websecure only is not served on web; a router on web only is not on websecure', async (t) => {
    if (!requireDocker(t)) return;
    assert.equal((await get(ports.websecure!, 'secure.example.test')).json?.name, 'secure');
    assert.equal((await get(ports.web!, 'secure.example.test')).status, 404);
    assert.equal((await get(ports.websecure!, 'hello.example.test')).status, 404);
    // No entrypoints label: every entry point.
    assert.equal((await get(ports.websecure!, 'one.example.test')).json?.name, 'either');
  });

  test('the port label picks the second of two ports; without it, the lowest exposed port and the default rule', async (t) => {
    if (!requireDocker(t)) return;
    assert.equal((await get(ports.web!, 'twoports.example.test')).json?.port, 9090);
    const lowest = await get(ports.web!, `lowest-${project}`);
    assert.equal(lowest.json?.name, 'lowest');
    assert.equal(lowest.json?.port, 8081);
  });

  test('network: a backend on two networks is reached on the one traefik.docker.network names', async (t) => {
    if (!requireDocker(t)) return;
    const r = await get(ports.web!, 'othernet.example.test');
    assert.equal(r.json?.local, ipOn('othernet', net('other')));
    assert.notEqual(ipOn('othernet', net('other')), ipOn('othernet', net('proxy')));
  });

  test('a backend that does not answer: 502 Bad Gateway', async (t) => {
    if (!requireDocker(t)) return;
    const r = await get(ports.web!, 'dead.example.test');
    assert.equal(r.status, 502);
    assert.equal(r.body, 'Bad Gateway');
  });

  test('a stopped container kept by allownonrunning answers 503; an unhealthy one is not routed', async (t) => {
    if (!requireDocker(t)) return;
    const id = compose('ps', '-aq', 'stopped').stdout.trim();
    for (let i = 0; i < 100 && spawnSync('docker', ['inspect', '--format', '{{.State.Status}}', id], { encoding: 'utf8' }).stdout.trim() !== 'exited'; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const stopped = await get(ports.web!, 'stopped.example.test');
    assert.equal(stopped.status, 503);
    assert.equal(stopped.body, 'no available server\n');
    assert.equal((await get(ports.web!, 'unhealthy.example.test')).status, 404);
  });

  test("v2's two-domain Host is refused like v3 does: not routed, and the log says why", async (t) => {
    if (!requireDocker(t)) return;
    assert.equal((await get(ports.web!, 'a.example.test')).status, 404);
    const logs = compose('logs', '--no-color', 'proxy').stdout;
    assert.match(logs, /router v2rule@docker: rule Host\(`a\.example\.test`,`b\.example\.test`\): error while adding rule Host: unexpected number of parameters; got 2, expected one of \[1\]/);
  });

  test('the log shows each router with its rule, entry points and backend address, and each proxied request', async (t) => {
    if (!requireDocker(t)) return;
    const logs = compose('logs', '--no-color', 'proxy').stdout;
    const hello = `router hello@docker rule=Host(\`hello.example.test\`) priority=26 entryPoints=web service=hello@docker -> http://${ipOn('hello', net('proxy'))}:8080 (${project}-hello-1 on ${net('proxy')})`;
    assert.ok(logs.includes(hello), `no line ${hello} in:\n${logs}`);
    assert.match(logs, /Configuration loaded from file: \/etc\/traefik\/traefik\.yml/);
    assert.match(logs, /web GET hello\.example\.test\/page\?q=1 -> hello@docker -> http:\/\/[\d.]+:8080 200/);
    assert.match(logs, /web GET nobody\.example\.test\/ -> no router: 404/);
  });
});
