import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ComposeContainer } from '../../../src/compose/core/compose-ps';
import { mergeRoutedUrls } from '../../../src/routing/core/merge-routed-urls';
import { selectRoutedServiceUrl } from '../../../src/routing/core/select-routed-service-url';
import { printUrls } from '../../../src/compose/commands/print-urls';
import { HarborError } from '../../../src/shared/core/errors';
import { createFakeDeps } from '../../support/fake-deps';

const running = (service: string, publishedPort: number, targetPort = 80): ComposeContainer => ({
  service,
  name: `demo-${service}-1`,
  state: 'running',
  health: '',
  ports: [{ hostIp: publishedPort > 0 ? '0.0.0.0' : '', targetPort, publishedPort, protocol: 'tcp' }],
});
const CONTAINERS = [running('hello', 34101), running('greeter', 0, 8080)];
const ROUTES = { hello: 'http://hello.lan', greeter: 'http://greeter.lan' };

describe('mergeRoutedUrls', () => {
  it('the routed URL next to the published one; a routed service without a published port is listed by its route', () => {
    assert.deepStrictEqual(mergeRoutedUrls([{ service: 'hello', url: 'http://localhost:34101' }, { service: 'db', url: 'http://localhost:5432' }], ROUTES), [
      { service: 'db', url: 'http://localhost:5432' },
      { service: 'greeter', url: 'http://greeter.lan', routed: 'http://greeter.lan' },
      { service: 'hello', url: 'http://localhost:34101', routed: 'http://hello.lan' },
    ]);
    assert.deepStrictEqual(mergeRoutedUrls([{ service: 'hello', url: 'http://localhost:1' }], {}), [{ service: 'hello', url: 'http://localhost:1' }]);
  });

  it('printUrls shows the route in a third column, once when it is the only URL', () => {
    const deps = createFakeDeps(() => ({}));
    printUrls(deps, mergeRoutedUrls([{ service: 'hello', url: 'http://localhost:34101' }], ROUTES));
    assert.equal(deps.stdout.join(''), 'greeter  http://greeter.lan\nhello    http://localhost:34101  http://hello.lan\n');
  });
});

describe('selectRoutedServiceUrl (harbor url)', () => {
  const cases: Array<{ name: string; service: string; flags: { internal: boolean; routed: boolean }; routed?: string; expected: string }> = [
    { name: 'published wins without -r (one URL on stdout for scripts)', service: 'hello', flags: { internal: false, routed: false }, routed: ROUTES.hello, expected: 'http://localhost:34101' },
    { name: '-r gives the route', service: 'hello', flags: { internal: false, routed: true }, routed: ROUTES.hello, expected: 'http://hello.lan' },
    { name: 'routed but not published: the route', service: 'greeter', flags: { internal: false, routed: false }, routed: ROUTES.greeter, expected: 'http://greeter.lan' },
    { name: '-i stays internal', service: 'greeter', flags: { internal: true, routed: false }, routed: ROUTES.greeter, expected: 'http://greeter:8080' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(selectRoutedServiceUrl(CONTAINERS, c.service, c.flags, c.routed), c.expected));

  it('-r for a service that is not routed: an error naming the fix', () => {
    assert.throws(
      () => selectRoutedServiceUrl(CONTAINERS, 'hello', { internal: false, routed: true }, undefined),
      (err: unknown) => err instanceof HarborError && err.message === 'service "hello" is not routed by Traefik' && err.hint === 'add a routing: key to etc/harbor.yaml and deploy with the traefik service selected (docs/Harbor-Traefik.md)',
    );
    assert.throws(() => selectRoutedServiceUrl(CONTAINERS, 'greeter', { internal: false, routed: false }, undefined), /publishes no port on the host/);
  });
});
