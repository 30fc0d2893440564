import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { resolveSource } from '../../src/stack/resolve-source';
import { runPrepare } from '../../src/prepare/run-prepare';
import { runRemovePrepared } from '../../src/prepare/run-remove-prepared';
import { readStack } from '../../src/stack/stack';
import { loadPreparePlan } from '../../src/stack/load-prepare-plan';
import { renderPreparePlan } from '../../src/prepare/core/render-prepare-plan';
import { readRoutes } from '../../src/routing/read-routes';
import { DescriptorError } from '../../src/shared/core/errors';
import { createFakeDeps } from '../support/fake-deps';
import { makeTempHome, snapshotHome } from '../support/temp-home';
import { fakeCompose, FILES, OVERLAY, PREPARE_HOME, SECRET } from '../support/prepare-home';

const ROUTING = 'var/run/overlays/compose.traefik.gen.yml';
const DESCRIPTOR = (routing: string) => `version: 1\nproject: shipyard\nprofiles:\n  default: { services: [hello, greeter] }\nrouting:\n${routing}`;
const HOME = {
  ...PREPARE_HOME,
  'etc/harbor.yaml': DESCRIPTOR('  domain: lan\n  services: [hello, greeter]\n'),
  'etc/stacks/compose.hello.yml': 'services: { hello: { image: busybox, ports: ["${HELLO_PORT:-34101}:80"], networks: [net] } }\n',
  'etc/stacks/compose.greeter.yml': 'services: { greeter: { image: busybox, expose: ["8080"] } }\n',
  'etc/stacks/compose.traefik.yml': 'services: { traefik: { image: "${HARBOR_TRAEFIK_IMAGE:-traefik:v3.7.2}", ports: ["80:80"] } }\n',
};

async function prepared(files: Record<string, string>, handles: string[]) {
  const home = await makeTempHome(files);
  const deps = { ...createFakeDeps(fakeCompose, home), env: {} };
  const source = await resolveSource(deps, { capabilities: '', handles });
  return { home, deps, source };
}

describe('prepare with routing:', () => {
  it('writes the routing overlay when traefik is selected, puts it in the -f list, and harbor plan shows it', async () => {
    const { home, deps, source } = await prepared(HOME, ['traefik']);
    const plan = await loadPreparePlan(deps, source);
    assert.deepStrictEqual(plan.routing, { path: ROUTING, changed: true, routes: { greeter: 'http://greeter.lan', hello: 'http://hello.lan' }, removed: false });
    assert.match(renderPreparePlan(plan), /^routing overlay var\/run\/overlays\/compose\.traefik\.gen\.yml: changes: greeter → http:\/\/greeter\.lan, hello → http:\/\/hello\.lan$/m);
    assert.equal(existsSync(join(home, ROUTING)), false, 'plan writes nothing');

    const result = await runPrepare(deps, source);
    const files = [...FILES.slice(0, 2), FILES[2]!, 'etc/stacks/compose.traefik.yml'].sort();
    assert.deepStrictEqual(result.files.slice(-2), [ROUTING, OVERLAY]);
    assert.deepStrictEqual(result.files.slice(0, -2).sort(), files);
    const overlay = parse(readFileSync(join(home, ROUTING), 'utf8')) as { services: Record<string, { labels?: Record<string, string>; networks: unknown }> };
    assert.equal(overlay.services.hello!.labels!['traefik.docker.network'], 'shipyard_traefik-public');
    assert.equal(overlay.services.hello!.labels!['traefik.http.services.shipyard-hello.loadbalancer.server.port'], '80');
    assert.deepStrictEqual(overlay.services.traefik!.networks, { default: {}, 'traefik-public': {} });
    // No secret value anywhere in the overlay (the home's secrets layer holds one).
    assert.equal(readFileSync(join(home, ROUTING), 'utf8').includes(SECRET), false);
    assert.deepStrictEqual(await readRoutes(home), { greeter: 'http://greeter.lan', hello: 'http://hello.lan' });
    const stack = await readStack(deps, source);
    assert.deepStrictEqual(stack.files.slice(-2), [ROUTING, OVERLAY]);
    assert.equal((await loadPreparePlan(deps, source)).routing.changed, false);
  });

  it('the default selection (no traefik) gets no routing overlay, and a stale one is removed', async () => {
    const { home, deps, source } = await prepared({ ...HOME, [ROUTING]: 'stale: true\n' }, []);
    assert.equal((await loadPreparePlan(deps, source)).routing.removed, true);
    const result = await runPrepare(deps, source);
    assert.deepStrictEqual(result.files, [...FILES, OVERLAY]);
    assert.equal(existsSync(join(home, ROUTING)), false);
    assert.deepStrictEqual(await readRoutes(home), {});
  });

  const bad: Array<{ name: string; routing: string; message: string }> = [
    { name: 'a cert resolver without tls', routing: '  certResolver: le\n', message: 'routing.certResolver: a certificate resolver needs TLS' },
    { name: 'several ports', routing: '  domain: lan\n  overrides: {}\n', message: 'routing: traefik has several container ports' },
    { name: 'an override of an unlisted service', routing: '  domain: lan\n  services: [hello]\n  overrides: { greeter: { port: 80 } }\n', message: 'routing.overrides.greeter: "greeter" is not in routing.services' },
  ];
  for (const c of bad) {
    it(`${c.name}: the exact error, and nothing in var/run/ is written`, async () => {
      // A previous prepare's overlay stays exactly as it was.
      const files = { ...HOME, 'etc/harbor.yaml': DESCRIPTOR(c.routing), [ROUTING]: 'previous: true\n' };
      if (c.name === 'several ports') files['etc/stacks/compose.greeter.yml'] = 'services: { greeter: { image: busybox, expose: ["8080", "9090"] } }\n';
      const { home, deps, source } = await prepared(files, ['traefik']);
      const before = await snapshotHome(home);
      await assert.rejects(runPrepare(deps, source), (err: unknown) => err instanceof DescriptorError && err.message.startsWith(c.message.replace('traefik', 'greeter')));
      assert.deepStrictEqual(await snapshotHome(home), before);
    });
  }
});

describe('destroy with prepare.cleanOnDestroy', () => {
  it('removes the routing overlay with the rest of what prepare wrote', async () => {
    const { home, deps, source } = await prepared(HOME, ['traefik']);
    await runPrepare(deps, source);
    const removed = await runRemovePrepared(deps);
    assert.ok(removed.includes(ROUTING), removed.join(' '));
    assert.equal(existsSync(join(home, ROUTING)), false);
  });
});
