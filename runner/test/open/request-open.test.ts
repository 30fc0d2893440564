import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { requestOpen } from '../../src/open/request-open';
import { HarborError } from '../../src/shared/core/errors';

const dir = mkdtempSync(join(tmpdir(), 'harbor-open-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function fakeDeps(env: Record<string, string>) {
  const out: string[] = [];
  const info: string[] = [];
  return { deps: { env, out: (t: string) => void out.push(t), log: { debug: (m: string) => void info.push(m) } as never }, out, info };
}

test('with HARBOR_OPEN_FILE: appends one URL a line, prints nothing on stdout', async () => {
  const file = join(dir, 'open.1');
  writeFileSync(file, '');
  const { deps, out, info } = fakeDeps({ HARBOR_OPEN_FILE: file });
  assert.equal(await requestOpen(deps, ['http://localhost:1']), true);
  await requestOpen(deps, ['https://a.example/x?y=1', 'http://localhost:2']);
  assert.equal(readFileSync(file, 'utf8'), 'http://localhost:1\nhttps://a.example/x?y=1\nhttp://localhost:2\n');
  assert.deepEqual(out, []);
  assert.deepEqual(info, ['opening http://localhost:1 in the browser', 'opening https://a.example/x?y=1 in the browser', 'opening http://localhost:2 in the browser']);
});

test('without it (not started by harbor.sh): false, a word on stderr, nothing on stdout (it may be --json)', async () => {
  const { deps, out, info } = fakeDeps({});
  assert.equal(await requestOpen(deps, ['http://localhost:1', 'http://localhost:2']), false);
  assert.deepEqual(out, []);
  assert.deepEqual(info, ['not started by harbor.sh: open http://localhost:1 yourself', 'not started by harbor.sh: open http://localhost:2 yourself']);
});

test('a URL that is not http(s) is refused before anything is written', async () => {
  const file = join(dir, 'open.2');
  writeFileSync(file, '');
  const { deps } = fakeDeps({ HARBOR_OPEN_FILE: file });
  await assert.rejects(requestOpen(deps, ['http://localhost:1', 'http://a\nb']), (err: unknown) => {
    assert.ok(err instanceof HarborError);
    assert.equal(err.message, 'cannot open "http://a\\nb": only http:// and https:// URLs without spaces, quotes or control characters are opened');
    return true;
  });
  assert.equal(readFileSync(file, 'utf8'), '');
});
