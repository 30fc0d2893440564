import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { isOpenableUrl, selectOpenUrls } from '../../../src/open/core/open-url';

test('isOpenableUrl accepts http(s) URLs only, with nothing a shell could split', () => {
  const cases: Array<[string, boolean]> = [
    ['http://localhost:8080', true],
    ['https://example.com/a?b=c&d=e#f', true],
    ['http://[::1]:80/', true],
    ['HTTP://localhost', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['http://', false],
    ['http:///path', false],
    ['http://a b', false],
    ['http://a\nhttp://b', false],
    ["http://a'$(id)'", false],
    ['http://a`id`', false],
    ['http://a"b', false],
    ['http://a\\b', false],
    ['http://a<b>', false],
    ['http://a\x1b[0m', false],
    ['-http://a', false],
    ['', false],
  ];
  for (const [url, expected] of cases) assert.equal(isOpenableUrl(url), expected, JSON.stringify(url));
});

test('selectOpenUrls: the named services, else all', () => {
  const urls = [
    { service: 'a', url: 'http://localhost:1' },
    { service: 'b', url: 'http://localhost:2' },
  ];
  const cases: Array<{ name: string; named: string[]; expected: string[] }> = [
    { name: 'none named: all', named: [], expected: ['http://localhost:1', 'http://localhost:2'] },
    { name: 'one named', named: ['b'], expected: ['http://localhost:2'] },
    { name: 'named without a port: all', named: ['c'], expected: ['http://localhost:1', 'http://localhost:2'] },
    { name: 'both', named: ['a', 'b', 'c'], expected: ['http://localhost:1', 'http://localhost:2'] },
  ];
  for (const c of cases) assert.deepEqual(selectOpenUrls(urls, c.named), c.expected, c.name);
  assert.deepEqual(selectOpenUrls([], ['a']), []);
});
