import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseComposePs } from '../../../src/compose/core/compose-ps';
import { CommandError } from '../../../src/shared/core/errors';

// Lines as Compose 2.26 prints them (trimmed to the fields Harbor reads plus a few it ignores).
const hello = '{"Command":"\\"busybox httpd\\"","Name":"demo-hello-1","Service":"hello","State":"running","Health":"healthy","Publishers":[{"URL":"0.0.0.0","TargetPort":80,"PublishedPort":34101,"Protocol":"tcp"},{"URL":"::","TargetPort":80,"PublishedPort":34101,"Protocol":"tcp"}]}';
const greeter = '{"Name":"demo-greeter-1","Service":"greeter","State":"exited","Health":"","Publishers":[{"URL":"","TargetPort":80,"PublishedPort":0,"Protocol":"tcp"}]}';

const cases: Array<{ name: string; text: string; expected: ReturnType<typeof parseComposePs> }> = [
  { name: 'empty output: no containers', text: '', expected: [] },
  { name: 'blank lines only', text: '\n\n', expected: [] },
  {
    name: 'one JSON object per line (compose 2.21+)',
    text: `${hello}\n${greeter}\n`,
    expected: [
      {
        service: 'hello',
        name: 'demo-hello-1',
        state: 'running',
        health: 'healthy',
        ports: [
          { hostIp: '0.0.0.0', targetPort: 80, publishedPort: 34101, protocol: 'tcp' },
          { hostIp: '::', targetPort: 80, publishedPort: 34101, protocol: 'tcp' },
        ],
      },
      { service: 'greeter', name: 'demo-greeter-1', state: 'exited', health: '', ports: [{ hostIp: '', targetPort: 80, publishedPort: 0, protocol: 'tcp' }] },
    ],
  },
  {
    name: 'one JSON array (older compose)',
    text: `[${greeter}]`,
    expected: [{ service: 'greeter', name: 'demo-greeter-1', state: 'exited', health: '', ports: [{ hostIp: '', targetPort: 80, publishedPort: 0, protocol: 'tcp' }] }],
  },
  {
    name: 'missing optional fields default, null Publishers is no ports',
    text: '{"Service":"x","Publishers":null}',
    expected: [{ service: 'x', name: '', state: '', health: '', ports: [] }],
  },
];

for (const c of cases) {
  test(`parseComposePs: ${c.name}`, () => {
    assert.deepStrictEqual(parseComposePs(c.text), c.expected);
  });
}

test('parseComposePs: text that is not JSON is a CommandError', () => {
  assert.throws(() => parseComposePs('NAME IMAGE\nx y'), (err: unknown) => {
    assert.ok(err instanceof CommandError);
    assert.match(err.message, /^docker compose ps printed output that is not JSON: /);
    return true;
  });
});

test('parseComposePs: a record without Service is a CommandError', () => {
  assert.throws(() => parseComposePs('{"Name":"x"}'), (err: unknown) => {
    assert.ok(err instanceof CommandError);
    assert.match(err.message, /^docker compose ps printed an unexpected record: /);
    return true;
  });
});
