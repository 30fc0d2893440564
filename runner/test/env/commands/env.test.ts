import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/cli';
import { envCommand } from '../../../src/env/commands/env';
import { envExplainCommand } from '../../../src/env/commands/env-explain';
import { EnvError } from '../../../src/shared/core/errors';
import { createFakeDeps } from '../../support/fake-deps';
import { makeTempHome, snapshotHome } from '../../support/temp-home';

const COMMANDS = [envCommand, envExplainCommand];
const FILES = {
  'etc/sys.env': 'DOMAIN=localhost\nPORT=80\n',
  'etc/sites/prod.env': 'DOMAIN=example.com\n',
  'stacks/web/service.env': 'PORT=8080\nDB_PASSWORD\n',
  'stacks/db/service.env': 'PORT=5432\n',
  'override.secrets.env': 'DB_PASSWORD=hunter2\nAPI_KEY=hunter2\n',
};

async function harbor(argv: string[], files: Record<string, string> = FILES, env: Record<string, string> = {}) {
  const home = await makeTempHome(files);
  const deps = createFakeDeps(() => ({}), home);
  Object.assign(deps.env, env);
  const code = await runCli(argv, COMMANDS, deps);
  return { code, stdout: deps.stdout.join(''), logs: deps.logs, home };
}

/** Secret tags are keyed per run: replace them by the order they appear in, so equal tags stay equal. */
function tags(text: string): string {
  const seen = new Map<string, number>();
  return text.replace(/\[secret ([0-9a-f]{8})\]/g, (_, tag: string) => `[secret #${seen.get(tag) ?? seen.set(tag, seen.size + 1).get(tag)}]`);
}

test('harbor env: text, --json, --service, --site, --show-secrets', async () => {
  const cases = [
    { argv: ['env'], stdout: "DOMAIN=localhost\nPORT=8080\nDB_PASSWORD='[secret #1]'\nAPI_KEY='[secret #1]'\n" },
    { argv: ['env', '--service', 'db', '--json'], stdout: '{\n  "DOMAIN": "localhost",\n  "PORT": "5432",\n  "DB_PASSWORD": "[secret #1]",\n  "API_KEY": "[secret #1]"\n}\n' },
    { argv: ['env', '--site', 'prod', '--show-secrets'], stdout: 'DOMAIN=example.com\nPORT=8080\nDB_PASSWORD=hunter2\nAPI_KEY=hunter2\n' },
  ];
  for (const c of cases) {
    const r = await harbor(c.argv);
    assert.deepStrictEqual({ code: r.code, stdout: tags(r.stdout) }, { code: 0, stdout: c.stdout }, c.argv.join(' '));
    if (!c.argv.includes('--show-secrets')) assert.equal(r.stdout.includes('hunter2'), false);
  }
});

test('harbor env explain: the layers in order, masked secrets, --json', async () => {
  const text = await harbor(['env', 'explain', 'PORT', '--service', 'web']);
  assert.equal(
    text.stdout,
    'PORT is set by 2 layers, lowest first:\n  1. sys          etc/sys.env:2             "80"\n  2. service web  stacks/web/service.env:1  "8080"  (overrides 1)\nwinner: 2. stacks/web/service.env:1 (service web)\n',
  );
  const json = await harbor(['env', 'explain', 'DB_PASSWORD', '--json']);
  assert.deepStrictEqual(JSON.parse(tags(json.stdout)), {
    name: 'DB_PASSWORD',
    definitions: [{ layer: 'secrets', file: 'override.secrets.env', line: 1, secret: true, shown: '[secret #1]' }],
  });
});

test('harbor env: bad inputs give exact errors and change nothing', async () => {
  const cases: Array<{ argv: string[]; files: Record<string, string>; message: string }> = [
    { argv: ['env', 'explain', 'DOMIAN'], files: FILES, message: 'DOMIAN is not set by any env layer (did you mean DOMAIN?)' },
    { argv: ['env', '--site', 'prd'], files: FILES, message: 'site "prd": etc/sites/prd.env does not exist (did you mean prod?)' },
    { argv: ['env'], files: { 'etc/sys.env': 'OK=1\nBAD KEY=2\n' }, message: 'etc/sys.env:2: key "BAD KEY" cannot contain a space' },
    { argv: ['env'], files: { 'etc/sys.env': 'A=${B}\nB=${A}\n' }, message: 'env reference cycle: A (etc/sys.env:1) uses B (etc/sys.env:2) uses A (etc/sys.env:1)' },
    {
      argv: ['env'],
      files: { 'etc/harbor.yaml': 'version: 1\nprepare:\n  env:\n    sources:\n      - { type: sys }\n' },
      message: 'env layer "sys": etc/sys.env does not exist',
    },
  ];
  for (const c of cases) {
    const home = await makeTempHome(c.files);
    const before = await snapshotHome(home);
    const deps = createFakeDeps(() => ({}), home);
    await assert.rejects(runCli(c.argv, COMMANDS, deps), (err: unknown) => err instanceof EnvError && err.message === c.message, c.message);
    assert.deepStrictEqual(await snapshotHome(home), before, `${c.message}: nothing written`);
    assert.deepStrictEqual(deps.stdout, []);
  }
});

test('harbor env: warnings go to the log, never to stdout', async () => {
  const r = await harbor(['env'], { 'etc/sys.env': 'URL=http://${HOST}/\n' });
  assert.equal(r.stdout, 'URL=http:///\n');
  assert.deepStrictEqual(r.logs, ['warn: etc/sys.env:1: URL uses ${HOST}, which is not set: it is empty (as in Compose)']);
});
