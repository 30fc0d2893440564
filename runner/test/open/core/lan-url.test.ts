import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { selectUrlHost } from '../../../src/open/core/lan-url';
import { HarborError } from '../../../src/shared/core/errors';

test('selectUrlHost swaps the host part for the LAN address or --host', () => {
  const cases: Array<{ name: string; url: string; choice: Parameters<typeof selectUrlHost>[1]; expected: string }> = [
    { name: 'no choice: unchanged', url: 'http://localhost:8080', choice: {}, expected: 'http://localhost:8080' },
    { name: 'lan', url: 'http://localhost:8080', choice: { lan: true, facts: { lan: '192.168.1.5' } }, expected: 'http://192.168.1.5:8080' },
    { name: 'lan with a path', url: 'http://localhost:8080/app?x=1', choice: { lan: true, facts: { lan: '10.0.0.2' } }, expected: 'http://10.0.0.2:8080/app?x=1' },
    { name: 'lan IPv6', url: 'http://localhost:80', choice: { lan: true, facts: { lan: 'fd00::5' } }, expected: 'http://[fd00::5]:80' },
    { name: 'bound address replaced', url: 'http://[::2]:80', choice: { lan: true, facts: { lan: '10.0.0.2' } }, expected: 'http://10.0.0.2:80' },
    { name: '--host wins over --lan', url: 'http://localhost:80', choice: { lan: true, host: 'box.lan', facts: { lan: '10.0.0.2' } }, expected: 'http://box.lan:80' },
    { name: '--host without a fact', url: 'https://localhost:443', choice: { host: '192.0.2.1' }, expected: 'https://192.0.2.1:443' },
  ];
  for (const c of cases) assert.equal(selectUrlHost(c.url, c.choice), c.expected, c.name);
});

test('selectUrlHost: the exact errors', () => {
  const cases: Array<{ name: string; choice: Parameters<typeof selectUrlHost>[1]; message: string; hint: RegExp }> = [
    { name: 'no fact', choice: { lan: true, facts: {} }, message: 'no LAN address found', hint: /--host ADDR/ },
    { name: 'bad --host', choice: { host: 'a b' }, message: '--host "a b" is not a host name or an IP address', hint: /--host 192\.168\.1\.5/ },
    { name: 'url-breaking --host', choice: { host: 'x/y@z' }, message: '--host "x/y@z" is not a host name or an IP address', hint: /e\.g\./ },
  ];
  for (const c of cases) {
    assert.throws(() => selectUrlHost('http://localhost:1', c.choice), (err: unknown) => {
      assert.ok(err instanceof HarborError, c.name);
      assert.equal(err.message, c.message, c.name);
      assert.match(err.hint ?? '', c.hint, c.name);
      assert.equal(err.exitCode, 2, c.name);
      return true;
    });
  }
});
