import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ComposeContainer, PublishedPort } from '../../../src/compose/core/compose-ps';
import { buildServiceUrls, selectServiceUrl } from '../../../src/compose/core/service-url';
import { HarborError } from '../../../src/shared/core/errors';

const port = (hostIp: string, targetPort: number, publishedPort: number, protocol = 'tcp'): PublishedPort => ({ hostIp, targetPort, publishedPort, protocol });
const container = (service: string, ports: PublishedPort[], state = 'running'): ComposeContainer => ({ service, name: `p-${service}-1`, state, health: '', ports });

const stack: ComposeContainer[] = [
  container('hello', [port('0.0.0.0', 80, 34101), port('::', 80, 34101)]),
  container('multi', [port('0.0.0.0', 9000, 39000), port('0.0.0.0', 8080, 38080), port('0.0.0.0', 53, 30053, 'udp')]),
  container('lan', [port('192.168.1.5', 80, 35000)]),
  container('v6', [port('fd00::1', 80, 36000)]),
  container('loop', [port('127.0.0.1', 3000, 33000)]),
  container('inner', [port('', 8080, 0)]),
  container('quiet', []),
  container('stopped', [port('0.0.0.0', 80, 37000)], 'exited'),
];

const cases: Array<{ name: string; service: string; internal: boolean; expected: string }> = [
  { name: 'wildcard binding is localhost', service: 'hello', internal: false, expected: 'http://localhost:34101' },
  { name: 'lowest TCP target port wins, UDP ignored', service: 'multi', internal: false, expected: 'http://localhost:38080' },
  { name: 'a specific address is kept', service: 'lan', internal: false, expected: 'http://192.168.1.5:35000' },
  { name: 'an IPv6 address is bracketed', service: 'v6', internal: false, expected: 'http://[fd00::1]:36000' },
  { name: 'loopback is localhost', service: 'loop', internal: false, expected: 'http://localhost:33000' },
  { name: 'internal: service name and target port', service: 'hello', internal: true, expected: 'http://hello:80' },
  { name: 'internal: an exposed-only port counts', service: 'inner', internal: true, expected: 'http://inner:8080' },
];

for (const c of cases) {
  test(`selectServiceUrl: ${c.name}`, () => {
    assert.deepStrictEqual(selectServiceUrl(stack, c.service, c.internal), c.expected);
  });
}

const errors: Array<{ name: string; service: string; internal: boolean; message: string; hint: string }> = [
  { name: 'not running', service: 'stopped', internal: false, message: 'service "stopped" is not running', hint: 'start it with `harbor up stopped`' },
  { name: 'unknown is not running', service: 'nope', internal: true, message: 'service "nope" is not running', hint: 'start it with `harbor up nope`' },
  { name: 'exposed only, asked for the host URL', service: 'inner', internal: false, message: 'service "inner" publishes no port on the host', hint: 'other containers reach it at http://inner:8080 (`harbor url -i inner`)' },
  { name: 'no ports at all', service: 'quiet', internal: false, message: 'service "quiet" publishes no port on the host', hint: 'add `ports:` to the service in its compose file' },
  { name: 'no ports at all, internal', service: 'quiet', internal: true, message: 'service "quiet" exposes no TCP port', hint: 'add `expose:` or `ports:` to the service in its compose file' },
];

for (const c of errors) {
  test(`selectServiceUrl error: ${c.name}`, () => {
    assert.throws(() => selectServiceUrl(stack, c.service, c.internal), (err: unknown) => {
      assert.ok(err instanceof HarborError);
      assert.deepStrictEqual({ message: err.message, hint: err.hint }, { message: c.message, hint: c.hint });
      return true;
    });
  });
}

test('buildServiceUrls: one URL per running service with a published TCP port, by name', () => {
  assert.deepStrictEqual(buildServiceUrls(stack), [
    { service: 'hello', url: 'http://localhost:34101' },
    { service: 'lan', url: 'http://192.168.1.5:35000' },
    { service: 'loop', url: 'http://localhost:33000' },
    { service: 'multi', url: 'http://localhost:38080' },
    { service: 'v6', url: 'http://[fd00::1]:36000' },
  ]);
});
