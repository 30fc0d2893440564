import { deepStrictEqual, throws } from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { renderIngress } from '../../../src/tunnels/core/render-ingress';

const model = {
  services: { hello: { ports: [{ target: 8080 }] }, api: { expose: ['3000'] }, quiet: {} },
  networks: { default: { name: 'demo_default' } },
};

test('renderIngress: hostnames → service URLs from the model, then the catch-all', () => {
  const out = renderIngress([{ hostname: 'app.example.com', service: 'hello' }, { hostname: 'api.example.com', service: 'api', path: '^/v1/' }], model, ['hello', 'api']);
  deepStrictEqual(parse(out.yaml), {
    ingress: [
      { hostname: 'app.example.com', service: 'http://hello:8080' },
      { hostname: 'api.example.com', path: '^/v1/', service: 'http://api:3000' },
      { service: 'http_status:404' },
    ],
  });
  deepStrictEqual(out.network, 'demo_default');
});

test('renderIngress: exact errors', () => {
  throws(() => renderIngress([], model, ['hello']), { message: 'tunnels.named.ingress is empty: the named tunnel would reach no service' });
  throws(() => renderIngress([{ hostname: 'a.example.com', service: 'api' }], model, ['hello']), {
    message: 'tunnels.named.ingress[0].service: "api" is not in the selection (selected: hello)',
  });
  throws(() => renderIngress([{ hostname: 'a.example.com', service: 'quiet' }], model, ['quiet']), { message: 'quiet has no port in the compose model (no ports: or expose:)' });
});
