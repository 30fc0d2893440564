// Traefik routing end to end through ./harbor.sh: `deploy --profile traefik` runs the example's traefik service
// with the Traefik STAND-IN image (tests/fixtures/traefik-standin: no Traefik binary can be had here), which
// reads the static config prepare rendered and the containers' labels over the Docker socket; a request with
// `Host: hello.<domain>` on its published port reaches hello, an unknown host gets Traefik's 404.
import { strict as assert } from 'node:assert';
import { request } from 'node:http';
import { copyFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EXAMPLE_ENV, makeExampleHome, removeExampleHome, type ExampleHome } from '../support/compose-home';
import { dockerAnswers, requireDocker } from '../support/docker-available';
import { REPO, SHIM, runHarbor } from '../support/run-harbor';
import { buildTraefikStandin } from '../support/traefik-standin';

let example: ExampleHome;
let shim: string;
let image = '';
const harbor = (args: string[]) =>
  runHarbor(args, { script: shim, cwd: example.home, env: { ...EXAMPLE_ENV, NO_COLOR: '1', HARBOR_TRAEFIK_IMAGE: image, HARBOR_TRAEFIK_HTTP_PORT: '0', HARBOR_TRAEFIK_DOMAIN: 'lan' } });

/** GET http://localhost:port/ with this Host header (what `curl -H 'Host: …'` sends). */
function getWithHost(port: number, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers: { Host: host } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function retry<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (i >= 50) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describe('deploy --profile traefik routes hello.<domain> through the proxy', { skip: !dockerAnswers() && !process.env.CI }, () => {
  before(async () => {
    if (!dockerAnswers()) return;
    image = await buildTraefikStandin();
    example = makeExampleHome();
    cpSync(join(REPO, 'stacks/traefik'), join(example.home, 'stacks/traefik'), { recursive: true });
    shim = join(example.home, 'harbor.sh');
    copyFileSync(SHIM, shim);
  });
  after(() => example && removeExampleHome(example));

  test('Host: hello.lan reaches hello, greeter.lan reaches greeter, an unknown host is 404; url -r prints the route', async (t) => {
    if (!requireDocker(t)) return;
    const deploy = await harbor(['deploy', '--profile', 'traefik']);
    assert.equal(deploy.code, 0, deploy.stderr);
    assert.match(deploy.stdout, /^hello +http:\/\/localhost:\d+ +http:\/\/hello\.lan$/m);
    const traefikUrl = deploy.stdout.match(/^traefik +http:\/\/localhost:(\d+)$/m);
    assert.ok(traefikUrl, deploy.stdout);
    const port = Number(traefikUrl[1]);

    // The proxy may still be opening its listener right after `up`: wait for it (a real Traefik also needs its watcher).
    const hello = await retry(() => getWithHost(port, 'hello.lan'));
    assert.equal(hello.status, 200, hello.body);
    assert.match(hello.body, /<h1>Hello from Harbor<\/h1>/);
    const greeter = await getWithHost(port, 'greeter.lan');
    assert.deepStrictEqual([greeter.status, greeter.body], [200, 'Greetings from the greeter service\n']);
    const unknown = await getWithHost(port, 'nobody.lan');
    assert.deepStrictEqual([unknown.status, unknown.body], [404, '404 page not found\n']);

    const url = await harbor(['url', '-r', 'hello', '--profile', 'traefik']);
    assert.deepStrictEqual([url.code, url.stdout], [0, 'http://hello.lan\n'], url.stderr);
    const plain = await harbor(['url', 'hello', '--profile', 'traefik']);
    assert.match(plain.stdout, /^http:\/\/localhost:\d+\n$/);
    assert.match(plain.stderr, /routed by Traefik: http:\/\/hello\.lan/);

    const destroy = await harbor(['destroy', '--profile', 'traefik']);
    assert.equal(destroy.code, 0, destroy.stderr);
  });
});
