import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readComposeConfigJson } from '../../src/compose/read-compose-config';
import { createFakeDeps } from '../support/fake-deps';

const home = mkdtempSync(join(tmpdir(), 'harbor-read-config-'));
after(() => rmSync(home, { recursive: true, force: true }));
mkdirSync(join(home, 'etc/stacks'), { recursive: true });
writeFileSync(join(home, 'etc/stacks/compose.yml'), 'services:\n  api:\n    image: api:${TAG}\n    ports: ["${PORT:-8080}:80"]\n    volumes: ["./data:/data"]\n');
writeFileSync(join(home, 'etc/stacks/compose.odd.yml'), 'services:\n  api:\n    develop: {watch: []}\n');
const project = { name: 'demo', directory: home };

test("readComposeConfigJson: Harbor's model answers, printed as compose prints it, without calling compose", async () => {
  const deps = createFakeDeps(() => ({ stdout: 'compose should not be asked' }), home);
  const text = await readComposeConfigJson(deps, { project, files: ['etc/stacks/compose.yml'], env: { TAG: 'v2' }, secretValues: [] });
  assert.deepStrictEqual(deps.calls, []);
  const model = JSON.parse(text);
  assert.equal(model.services.api.image, 'api:v2');
  assert.deepStrictEqual(model.services.api.ports, [{ mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' }]);
  assert.deepStrictEqual(model.services.api.volumes, [{ type: 'bind', source: join(home, 'data'), target: '/data', bind: { create_host_path: true } }]);
});

test("readComposeConfigJson: when the model declines, compose's own JSON of the N files (the reason at debug level)", async () => {
  const deps = createFakeDeps(() => ({ stdout: '{"name":"from-compose"}' }), home);
  const text = await readComposeConfigJson(deps, { project, files: ['etc/stacks/compose.yml', 'etc/stacks/compose.odd.yml'], env: { TAG: 'v2' } });
  assert.equal(text, '{"name":"from-compose"}');
  assert.deepStrictEqual(deps.calls.map((c) => c.argv.slice(-5)), [['-f', join(home, 'etc/stacks/compose.odd.yml'), 'config', '--format', 'json']]);
  assert.ok(deps.logs.some((l) => /debug: .*the field "develop": falling back to docker compose/.test(l)), deps.logs.join('\n'));
});
