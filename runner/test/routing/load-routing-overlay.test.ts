import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as v from 'valibot';
import { RoutingSchema } from '../../src/descriptor/core/routing-schema';
import { loadRoutingOverlay } from '../../src/routing/load-routing-overlay';
import { createFakeDeps } from '../support/fake-deps';

const CONFIG_JSON = JSON.stringify({
  name: 'demo',
  services: { traefik: { image: 'traefik', networks: { default: null } }, hello: { ports: [{ mode: 'ingress', target: 8080, published: '34101', protocol: 'tcp' }], networks: { default: null } } },
  networks: { default: { name: 'demo_default' } },
});
const source = (model: undefined | Record<string, unknown>) => ({ project: { name: 'demo', directory: '/srv/harbor' }, files: ['etc/stacks/compose.yml'], composeEnv: { HARBOR_TRAEFIK_DOMAIN: 'lan' }, secretValues: [], model: model as never });

describe('loadRoutingOverlay', () => {
  it("when Harbor's model declines, reads compose's own config JSON (env by environment, never argv)", async () => {
    const deps = createFakeDeps((argv) => (argv.includes('config') ? { stdout: CONFIG_JSON } : {}));
    const overlay = await loadRoutingOverlay(deps, v.parse(RoutingSchema, {}), source(undefined));
    assert.deepStrictEqual(deps.calls.map((c) => c.argv.slice(-3)), [['config', '--format', 'json']]);
    assert.equal(deps.calls[0]!.options.env?.HARBOR_TRAEFIK_DOMAIN, 'lan');
    assert.deepStrictEqual(overlay?.routes, { hello: 'http://hello.lan' });
    assert.equal(overlay?.labels.hello!['traefik.http.services.demo-hello.loadbalancer.server.port'], '8080');
    assert.deepStrictEqual(deps.logs.filter((l) => l.includes('falling back to docker compose')), [], 'the model (which declined in prepare) is not built again');
  });

  it('no routing: key, no compose call and no overlay; a model given is used as is', async () => {
    const deps = createFakeDeps();
    assert.equal(await loadRoutingOverlay(deps, undefined, source(undefined)), undefined);
    const overlay = await loadRoutingOverlay(deps, v.parse(RoutingSchema, { domain: 'home.arpa' }), source(JSON.parse(CONFIG_JSON) as Record<string, unknown>));
    assert.deepStrictEqual(overlay?.routes, { hello: 'http://hello.home.arpa' });
    assert.deepStrictEqual(deps.calls, []);
  });
});
