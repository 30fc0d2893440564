import { deepStrictEqual, rejects } from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as v from 'valibot';
import { openAction } from '../../../src/workflow/actions/open';
import { createFakeDeps } from '../../support/fake-deps';
import { composeHead, planContext } from '../../support/compose-plan-context';

// Fake `docker compose ps --format json`: hello publishes 8080 on all interfaces, greeter only exposes 80.
const PS = [
  JSON.stringify({ Service: 'hello', State: 'running', Publishers: [{ URL: '0.0.0.0', TargetPort: 80, PublishedPort: 8080, Protocol: 'tcp' }] }),
  JSON.stringify({ Service: 'greeter', State: 'running', Publishers: [{ URL: '', TargetPort: 80, PublishedPort: 0, Protocol: 'tcp' }] }),
].join('\n');

async function runOpen(params: unknown, env: Record<string, string> = {}) {
  const deps = { ...createFakeDeps(() => ({ stdout: PS })), env };
  const result = await openAction.run(v.parse(openAction.params, params), { ...planContext, dryRun: false, deps, log: deps.log });
  return { result, deps };
}

describe('open action', () => {
  it('plans without running anything', () => {
    deepStrictEqual(openAction.plan(v.parse(openAction.params, { target: ['hello', 'https://example.com'] }), planContext), {
      description: 'open the URL of hello, https://example.com',
    });
  });

  it("prints a service's published URL and returns it", async () => {
    const { result, deps } = await runOpen({ target: 'hello' });
    deepStrictEqual(result, { summary: 'http://localhost:8080', urls: ['http://localhost:8080'], data: { urls: [{ target: 'hello', url: 'http://localhost:8080' }] } });
    deepStrictEqual(deps.calls.map((c) => c.argv), [[...composeHead, 'ps', '--format', 'json']]);
    deepStrictEqual(deps.logs.filter((l) => !l.startsWith('debug: compose model:')), ['info: open hello: http://localhost:8080', 'debug: not started by harbor.sh: open http://localhost:8080 yourself']);
  });

  it("asks harbor.sh to open the URLs: one a line in HARBOR_OPEN_FILE", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'harbor-open-action-'));
    try {
      const file = join(dir, 'open.1');
      writeFileSync(file, '');
      await runOpen({ target: ['hello', 'https://example.com/a?b=c'] }, { HARBOR_OPEN_FILE: file });
      deepStrictEqual(readFileSync(file, 'utf8'), 'http://localhost:8080\nhttps://example.com/a?b=c\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps URLs as given, and asks compose nothing when all targets are URLs', async () => {
    const { result, deps } = await runOpen({ target: ['https://example.com/a?b=c'] });
    deepStrictEqual([result.urls, deps.calls], [['https://example.com/a?b=c'], []]);
  });

  it('the compose env goes through the environment, not argv', async () => {
    const { deps } = await runOpen({ target: 'hello' });
    deepStrictEqual(deps.calls[0]!.options.env, { SECRET_TOKEN: 'never-on-argv' });
  });

  it('a service that publishes no port fails the step with a hint', async () => {
    await rejects(runOpen({ target: ['hello', 'greeter'] }), { message: 'service "greeter" publishes no port on the host' });
  });

  it('a service that is not running fails the step', async () => {
    await rejects(runOpen({ target: 'ollama' }), { message: 'service "ollama" is not running' });
  });

  const bad: Array<{ name: string; params: unknown; message: string }> = [
    { name: 'missing target', params: {}, message: 'Invalid key: Expected "target" but received undefined' },
    { name: 'a file URL', params: { target: 'file:///etc/passwd' }, message: 'must be a compose service name or an http(s):// URL' },
    { name: 'a shell-ish name', params: { target: ['hello; rm -rf /'] }, message: 'must be a compose service name or an http(s):// URL' },
  ];
  for (const c of bad) {
    it(`params: ${c.name} is rejected`, () => {
      const r = v.safeParse(openAction.params, c.params);
      deepStrictEqual([r.success, r.issues?.[0].message], [false, c.message]);
    });
  }
});
