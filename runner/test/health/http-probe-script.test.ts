import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { PROBE_SCRIPT } from '../../src/health/http-probe-script';
import { parseHttpProbeAnswer } from '../../src/health/core/build-http-probe';

// The script the probe container runs, run here with this node against a local server: it answers 200 on /,
// 302 on /moved, and 503 on /late for the first two requests, then 200.
let server: Server;
let base = '';
let lateHits = 0;
before(async () => {
  server = createServer((req, res) => {
    if (req.url === '/late') res.writeHead(++lateHits > 2 ? 200 : 503).end();
    else if (req.url === '/moved') res.writeHead(302, { location: '/' }).end();
    else res.writeHead(req.url === '/' ? 200 : 404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

const probe = (url: string, status: number, timeout: number) => {
  // Async: the server runs in this process, so the probe must not block it.
  return new Promise<{ code: number; answer: ReturnType<typeof parseHttpProbeAnswer> }>((resolve) => {
    const child = spawn(process.execPath, ['-e', PROBE_SCRIPT, url, String(status), String(timeout)]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.on('close', (code) => resolve({ code: code ?? 1, answer: parseHttpProbeAnswer(out) }));
  });
};

describe('the http.check probe script', () => {
  test('answers at once when the status matches', async () => {
    const r = await probe(`${base}/`, 200, 5);
    assert.deepEqual(r, { code: 0, answer: { ok: true, status: 200, tries: 1 } });
  });
  test('does not follow redirects: 302 can be expected', async () => {
    assert.equal((await probe(`${base}/moved`, 302, 5)).code, 0);
  });
  test('retries until the service answers', async () => {
    const r = await probe(`${base}/late`, 200, 10);
    assert.equal(r.code, 0);
    assert.equal(r.answer!.tries, 3);
  });
  test('gives up at the timeout with the last status', async () => {
    const r = await probe(`${base}/missing`, 200, 1);
    assert.equal(r.code, 1);
    assert.equal(r.answer!.ok, false);
    assert.equal(r.answer!.status, 404);
  });
  test('nothing listening: status 0 and the connection error', async () => {
    // A port that was free a moment ago (fetch refuses "unsafe" ports such as 1 outright).
    const spare = createServer();
    await new Promise<void>((done) => spare.listen(0, '127.0.0.1', done));
    const port = (spare.address() as AddressInfo).port;
    await new Promise((done) => spare.close(done));
    const r = await probe(`http://127.0.0.1:${port}/`, 200, 1);
    assert.equal(r.code, 1);
    assert.equal(r.answer!.status, 0);
    assert.equal(r.answer!.error, 'ECONNREFUSED');
  });
});
