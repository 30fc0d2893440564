import { deepStrictEqual, throws } from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ComposeModelForTunnels, selectTunnelTarget } from '../../../src/tunnels/core/select-tunnel-target';

// Shapes as `docker compose config --format json` prints them (ports in long syntax after normalisation).
const model: ComposeModelForTunnels = {
  services: {
    hello: { ports: [{ target: 8080, protocol: 'tcp' }, { target: 9090, protocol: 'tcp' }], networks: { default: null } },
    greeter: { expose: ['5000'], networks: { default: null } },
    dns: { ports: [{ target: 53, protocol: 'udp' }, { target: 8053, protocol: 'tcp' }] },
    ranged: { expose: ['7000-7010', '53/udp'] },
    quiet: { networks: { default: null } },
    backend: { ports: [{ target: 3000 }], networks: { internal: null, public: null } },
    hostnet: { network_mode: 'host', ports: [{ target: 80 }] },
  },
  networks: { default: { name: 'demo_default' }, internal: { name: 'demo_internal' }, public: { name: 'shared-public' } },
};

describe('selectTunnelTarget', () => {
  const cases = [
    { name: 'first TCP container port', service: 'hello', expected: { service: 'hello', port: 8080, network: 'demo_default', url: 'http://hello:8080' } },
    { name: 'a port the user names', service: 'hello', port: 9090, expected: { service: 'hello', port: 9090, network: 'demo_default', url: 'http://hello:9090' } },
    { name: 'expose when there are no ports', service: 'greeter', expected: { service: 'greeter', port: 5000, network: 'demo_default', url: 'http://greeter:5000' } },
    { name: 'UDP ports are skipped', service: 'dns', expected: { service: 'dns', port: 8053, network: 'demo_default', url: 'http://dns:8053' } },
    { name: 'an expose range gives its first port', service: 'ranged', expected: { service: 'ranged', port: 7000, network: 'demo_default', url: 'http://ranged:7000' } },
    { name: 'no default network: the first, by its real name', service: 'backend', expected: { service: 'backend', port: 3000, network: 'demo_internal', url: 'http://backend:3000' } },
  ];
  for (const c of cases) test(c.name, () => deepStrictEqual(selectTunnelTarget(model, c.service, c.port), c.expected));

  const errors = [
    { name: 'unknown service, with the nearest name', service: 'helo', message: 'no service "helo" in the selected compose files (did you mean hello?)' },
    { name: 'a service with no port', service: 'quiet', message: 'quiet has no port in the compose model (no ports: or expose:)' },
    { name: 'host networking', service: 'hostnet', message: 'hostnet uses network_mode "host": a tunnel can only reach a service on a stack network' },
  ];
  for (const c of errors) test(c.name, () => throws(() => selectTunnelTarget(model, c.service), { message: c.message }));
});
