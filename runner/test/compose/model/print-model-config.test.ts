import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { compareModelConfig, printModelConfig } from '../../../src/compose/model/print-model-config';
import { createFakeDeps } from '../../support/fake-deps';

const home = mkdtempSync(join(tmpdir(), 'harbor-model-config-'));
after(() => rmSync(home, { recursive: true, force: true }));
writeFileSync(join(home, 'compose.yml'), 'services:\n  api:\n    image: api:${TAG:-1}\n    environment:\n      TOKEN: ${API_TOKEN}\n');
writeFileSync(join(home, 'compose.bad.yml'), 'services:\n  api:\n    ports: ["${API_TOKEN}:80"]\n');
const request = { project: { name: 'demo', directory: home }, files: ['compose.yml'], composeEnv: { API_TOKEN: 'tok$en-42' }, secretValues: ['tok$en-42'] };
// What compose prints for compose.yml with that env.
const composeJson = JSON.stringify({ name: 'demo', services: { api: { command: null, entrypoint: null, environment: { TOKEN: 'tok$$en-42' }, image: 'api:1', networks: { default: null } } }, networks: { default: { name: 'demo_default', ipam: {} } } });

test('printModelConfig: prints the model as JSON with secret values redacted, without calling compose', () => {
  const deps = createFakeDeps();
  assert.equal(printModelConfig(deps, request, 'json'), true);
  assert.deepStrictEqual(deps.calls, []);
  const printed = deps.stdout.join('');
  assert.match(printed, /"TOKEN": "\[redacted\]"/);
  assert.doesNotMatch(printed, /tok\$/);
});

test('printModelConfig: a selection the model declines prints nothing and says why at debug level, secret redacted', () => {
  const deps = createFakeDeps();
  assert.equal(printModelConfig(deps, { ...request, files: ['compose.yml', 'compose.bad.yml'] }, 'json'), false);
  assert.deepStrictEqual(deps.stdout, []);
  const debug = deps.logs.filter((l) => l.startsWith('debug:')).join('\n');
  assert.match(debug, /compose model: .*port "\[redacted\]:80".*falling back to docker compose/);
  assert.doesNotMatch(debug, /tok\$en/);
});

test('printModelConfig: prints the YAML compose would print, secret values redacted, without calling compose', () => {
  const deps = createFakeDeps();
  assert.equal(printModelConfig(deps, request, 'yaml'), true);
  assert.deepStrictEqual(deps.calls, []);
  assert.equal(
    deps.stdout.join(''),
    'name: demo\nservices:\n  api:\n    environment:\n      TOKEN: [redacted]\n    image: api:1\n    networks:\n      default: null\nnetworks:\n  default:\n    name: demo_default\n',
  );
});

test('printModelConfig: YAML the printer does not reproduce (x-* keys in a service) is left to compose, said at debug level', () => {
  writeFileSync(join(home, 'compose.x.yml'), 'services:\n  api:\n    x-note: kept in YAML only\n');
  const deps = createFakeDeps();
  assert.equal(printModelConfig(deps, { ...request, files: ['compose.yml', 'compose.x.yml'] }, 'yaml'), false);
  assert.deepStrictEqual(deps.stdout, []);
  assert.match(deps.logs.filter((l) => l.startsWith('debug:')).join('\n'), /x-\* keys inside a compose object .*: compose prints the YAML/);
});

test('compareModelConfig: equal models print "same model" and exit 0', async () => {
  const deps = createFakeDeps(() => ({ stdout: composeJson }));
  assert.equal(await compareModelConfig(deps, request), 0);
  assert.match(deps.stdout.join(''), /^same model \(1 file\(s\): compose \d+ ms, Harbor's model \d+ ms\)\n$/);
  assert.deepStrictEqual(deps.calls[0]!.argv.slice(-3), ['config', '--format', 'json']);
});

test('compareModelConfig: a difference prints its path with secrets redacted and exits 1', async () => {
  const differing = composeJson.replace('"image":"api:1"', '"image":"api:2"').replace('tok$$en-42', 'tok$$en-42!');
  const deps = createFakeDeps(() => ({ stdout: differing }));
  assert.equal(await compareModelConfig(deps, request), 1);
  const printed = deps.stdout.join('');
  assert.match(printed, /^first difference: services\.api\.environment\.TOKEN: compose="\[redacted\]!" harbor="\[redacted\]"/);
  assert.doesNotMatch(printed, /tok\$/);
});

test('compareModelConfig: when the model declines, it says so and exits 0 (Harbor uses compose there)', async () => {
  const deps = createFakeDeps(() => ({ stdout: composeJson }));
  assert.equal(await compareModelConfig(deps, { ...request, files: ['compose.yml', 'compose.bad.yml'] }), 0);
  assert.match(deps.stdout.join(''), /^Harbor's compose model declines this selection, so Harbor uses docker compose for it: compose model: /);
});
