import { strictEqual } from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lastLogLines, parseQuickTunnelHostname, parseQuickTunnelLog } from '../../../src/tunnels/core/quick-tunnel-url';

// The box cloudflared prints (cmd/cloudflared/tunnel/quick_tunnel.go, AsciiBox with padding 2), as zerolog's console lines.
const BOX = [
  '2026-12-03T07:00:00Z INF Thank you for trying Cloudflare Tunnel. ... (https://www.cloudflare.com/website-terms/) ...',
  '2026-12-03T07:00:00Z INF Requesting new quick Tunnel on trycloudflare.com...',
  '2026-12-03T07:00:01Z INF +--------------------------------------------------------------------------------------------+',
  '2026-12-03T07:00:01Z INF |  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |',
  '2026-12-03T07:00:01Z INF |  https://gentle-river-example-words.trycloudflare.com                                      |',
  '2026-12-03T07:00:01Z INF +--------------------------------------------------------------------------------------------+',
  '2026-12-03T07:00:02Z INF Registered tunnel connection connIndex=0 location=ams01 protocol=quic',
].join('\n');

describe('parseQuickTunnelHostname (the /quicktunnel body)', () => {
  const cases = [
    { name: 'hostname', body: '{"hostname":"gentle-river.trycloudflare.com"}', expected: 'https://gentle-river.trycloudflare.com' },
    { name: 'already a URL', body: '{"hostname":"https://a-b.trycloudflare.com"}', expected: 'https://a-b.trycloudflare.com' },
    { name: 'empty before the tunnel exists', body: '{"hostname":""}', expected: undefined },
    { name: 'not JSON', body: '404 page not found', expected: undefined },
    { name: 'not a host name', body: '{"hostname":"a b"}', expected: undefined },
  ];
  for (const c of cases) test(c.name, () => strictEqual(parseQuickTunnelHostname(c.body), c.expected));
});

describe('parseQuickTunnelLog (the fallback)', () => {
  const cases = [
    { name: "cloudflared's box", log: BOX, expected: 'https://gentle-river-example-words.trycloudflare.com' },
    { name: 'the newest after a restart', log: `${BOX}\nINF |  https://second-one.trycloudflare.com  |`, expected: 'https://second-one.trycloudflare.com' },
    { name: 'none yet (the disclaimer links are not it)', log: BOX.split('\n').slice(0, 2).join('\n'), expected: undefined },
    { name: 'a failed request', log: 'ERR failed to request quick Tunnel error="Post \\"https://api.trycloudflare.com/tunnel\\": dial tcp: lookup api.trycloudflare.com: no such host"', expected: undefined },
  ];
  for (const c of cases) test(c.name, () => strictEqual(parseQuickTunnelLog(c.log), c.expected));
});

test('lastLogLines keeps the last non-empty lines', () => {
  strictEqual(lastLogLines('a\n\nb\nc\n\n', 2), 'b\nc');
});
