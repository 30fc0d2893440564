import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { buildComposeCallArgv } from '../../../src/compose/model/compose-call-argv';
import { SINGLE_COMPOSE_FILE, singleComposeFileBuilds } from '../../../src/compose/model/write-single-compose-file';
import { buildComposeArgv } from '../../../src/compose/core/compose-argv';
import { createFakeDeps } from '../../support/fake-deps';

const home = mkdtempSync(join(tmpdir(), 'harbor-call-argv-'));
after(() => rmSync(home, { recursive: true, force: true }));
mkdirSync(join(home, 'etc/stacks'), { recursive: true });
writeFileSync(join(home, 'etc/stacks/compose.yml'), 'services:\n  api:\n    image: api:1\n    env_file: etc/stacks/api.env\n    environment:\n      TOKEN: ${API_TOKEN}\n      PLAIN: ${PLAIN}\n');
writeFileSync(join(home, 'etc/stacks/api.env'), 'FROM_FILE=file-value\n');
writeFileSync(join(home, 'etc/stacks/compose.odd.yml'), 'services:\n  api:\n    develop: {watch: []}\n');
const project = { name: 'demo', directory: home };
const env = { composeEnv: { API_TOKEN: 'tok$en-secret', PLAIN: 'plain' }, secretValues: ['tok$en-secret'] };
const files = ['etc/stacks/compose.yml'];
const planned = buildComposeArgv(project, files, 'up', ['-d']);

test('buildComposeCallArgv: the N files become the one merged file (0600), secrets as ${NAME}, env_file as a reference', async () => {
  const deps = createFakeDeps(() => ({}), home);
  const argv = await buildComposeCallArgv(deps, project, files, env, planned);
  assert.deepStrictEqual(argv, ['docker', 'compose', '-p', 'demo', '--project-directory', home, '-f', join(home, SINGLE_COMPOSE_FILE), 'up', '-d']);
  const path = join(home, SINGLE_COMPOSE_FILE);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  const model = JSON.parse(readFileSync(path, 'utf8'));
  assert.deepStrictEqual(model.services.api.environment, { PLAIN: 'plain', TOKEN: '${API_TOKEN}' });
  assert.deepStrictEqual(model.services.api.env_file, [join(home, 'etc/stacks/api.env')]);
  assert.doesNotMatch(readFileSync(path, 'utf8'), /tok\$|file-value/);
});

test('buildComposeCallArgv: HARBOR_COMPOSE_FILES=1 (--compose-files) keeps the N files', async () => {
  const deps = { ...createFakeDeps(() => ({}), home), env: { HARBOR_COMPOSE_FILES: '1' } };
  assert.deepStrictEqual(await buildComposeCallArgv(deps, project, files, env, planned), planned);
});

test('buildComposeCallArgv: when the model declines, the N files, and the reason at debug level', async () => {
  const deps = createFakeDeps(() => ({}), home);
  const odd = [...files, 'etc/stacks/compose.odd.yml'];
  const argv = buildComposeArgv(project, odd, 'down', []);
  assert.deepStrictEqual(await buildComposeCallArgv(deps, project, odd, env, argv), argv);
  assert.ok(deps.logs.some((l) => /debug: .*the field "develop": handing compose the 2 files/.test(l)), deps.logs.join('\n'));
});

test('buildComposeCallArgv: built once per run while its inputs stay the same; a changed file or env builds it again', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'harbor-call-argv-once-'));
  try {
    mkdirSync(join(dir, 'etc/stacks'), { recursive: true });
    const compose = join(dir, 'etc/stacks/compose.yml');
    writeFileSync(compose, 'services:\n  api:\n    image: api:1\n    env_file: etc/stacks/api.env\n    environment:\n      PLAIN: ${PLAIN}\n');
    writeFileSync(join(dir, 'etc/stacks/api.env'), 'A=1\n');
    const p = { name: 'once', directory: dir };
    const single = join(dir, SINGLE_COMPOSE_FILE);
    const call = async (e: typeof env) => {
      const before = singleComposeFileBuilds();
      await buildComposeCallArgv(createFakeDeps(() => ({}), dir), p, files, e, buildComposeArgv(p, files, 'ps', []));
      return { reused: singleComposeFileBuilds() === before, text: readFileSync(single, 'utf8') };
    };
    const first = await call(env);
    assert.deepStrictEqual([first.reused, JSON.parse(first.text).services.api.image], [false, 'api:1']);
    const again = await call(env);
    assert.deepStrictEqual(again, { reused: true, text: first.text }, 'same inputs: the same file, not built again');
    writeFileSync(compose, 'services:\n  api:\n    image: api:2\n    env_file: etc/stacks/api.env\n');
    const edited = await call(env);
    assert.deepStrictEqual([edited.reused, JSON.parse(edited.text).services.api.image], [false, 'api:2'], 'a compose file changed');
    writeFileSync(join(dir, 'etc/stacks/api.env'), 'A=2\n');
    assert.equal((await call(env)).reused, false, 'an env file the proof read changed');
    assert.equal((await call({ ...env, composeEnv: { ...env.composeEnv, PLAIN: 'other' } })).reused, false, 'the env changed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
