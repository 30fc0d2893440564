import { deepStrictEqual } from 'node:assert/strict';
import { test } from 'node:test';
import { planNamedTunnel, planQuickTunnel } from '../../../src/tunnels/core/plan-tunnel-container';

test('planQuickTunnel: docker run on the service network, labels, the same argv as cloudflared documents', () => {
  const plan = planQuickTunnel('demo', { service: 'hello', port: 8080, network: 'demo_default', url: 'http://hello:8080' }, 'cloudflare/cloudflared:2026.8.2');
  deepStrictEqual(plan, {
    name: 'demo-tunnel-hello',
    argv: [
      'docker', 'run', '-d', '--name', 'demo-tunnel-hello', '--network', 'demo_default',
      '--label', 'io.harbor.tunnel=quick', '--label', 'io.harbor.project=demo', '--label', 'io.harbor.tunnel.metrics=0.0.0.0:20241',
      '--label', 'io.harbor.tunnel.service=hello', '--label', 'io.harbor.tunnel.target=http://hello:8080',
      'cloudflare/cloudflared:2026.8.2', 'tunnel', '--url', 'http://hello:8080', '--metrics', '0.0.0.0:20241',
    ],
  });
});

test('planNamedTunnel: created (not started), the ingress file read-only, the token read from a file', () => {
  const plan = planNamedTunnel('demo', 'demo_default', 'img', '/srv/h/var/run/tunnels/ingress.yml');
  deepStrictEqual(plan, {
    name: 'demo-tunnel-named',
    argv: [
      'docker', 'create', '--name', 'demo-tunnel-named', '--network', 'demo_default', '--restart', 'unless-stopped',
      '--label', 'io.harbor.tunnel=named', '--label', 'io.harbor.project=demo', '--label', 'io.harbor.tunnel.metrics=0.0.0.0:20241',
      '-v', '/srv/h/var/run/tunnels/ingress.yml:/etc/cloudflared/harbor-ingress.yml:ro',
      'img', 'tunnel', '--config', '/etc/cloudflared/harbor-ingress.yml', '--metrics', '0.0.0.0:20241', 'run', '--token-file', '/run/harbor/tunnel-token',
    ],
  });
});
