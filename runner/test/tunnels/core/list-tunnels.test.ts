import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { test } from 'node:test';
import { parseTunnelContainers, renderTunnelTable } from '../../../src/tunnels/core/list-tunnels';

// Two lines as `docker ps -a --format '{{json .}}'` prints them (fields trimmed to those read), and a stranger.
const PS = [
  JSON.stringify({ ID: 'b2', Names: 'demo-tunnel-named', State: 'running', Status: 'Up 1 minute', CreatedAt: '2026-12-03 07:01:00 +0000 UTC', Labels: 'io.harbor.project=demo,io.harbor.tunnel=named,io.harbor.tunnel.metrics=0.0.0.0:20241' }),
  JSON.stringify({ ID: 'a1', Names: 'demo-tunnel-hello', State: 'exited', Status: 'Exited (1) 5 seconds ago', CreatedAt: '2026-12-03 07:00:00 +0000 UTC', Labels: 'io.harbor.tunnel.service=hello,io.harbor.tunnel=quick,io.harbor.project=demo,io.harbor.tunnel.target=http://hello:8080' }),
  JSON.stringify({ ID: 'c3', Names: 'other', State: 'running', Status: 'Up', CreatedAt: '', Labels: 'com.example=1' }),
  '',
].join('\n');

test('parseTunnelContainers: Harbor tunnels only, by name', () => {
  deepStrictEqual(parseTunnelContainers(PS), [
    { id: 'a1', name: 'demo-tunnel-hello', kind: 'quick', project: 'demo', service: 'hello', target: 'http://hello:8080', running: false, status: 'Exited (1) 5 seconds ago', createdAt: '2026-12-03 07:00:00 +0000 UTC' },
    { id: 'b2', name: 'demo-tunnel-named', kind: 'named', project: 'demo', service: '', target: '', running: true, status: 'Up 1 minute', createdAt: '2026-12-03 07:01:00 +0000 UTC' },
  ]);
});

test('renderTunnelTable: aligned columns, and a hint when there are none', () => {
  const [hello, named] = parseTunnelContainers(PS);
  strictEqual(
    renderTunnelTable([{ tunnel: hello!, url: 'https://x.trycloudflare.com' }, { tunnel: named!, url: undefined }]),
    [
      'SERVICE  URL                          STATUS                    CONTAINER',
      'hello    https://x.trycloudflare.com  Exited (1) 5 seconds ago  demo-tunnel-hello',
      '(named)  -                            Up 1 minute               demo-tunnel-named',
      '',
    ].join('\n'),
  );
  strictEqual(renderTunnelTable([]), 'no tunnels (start one with: harbor tunnel SERVICE)\n');
});
