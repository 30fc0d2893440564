import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/cli';
import { envSetCommand } from '../../../src/env/commands/env-set';
import { envUnsetCommand } from '../../../src/env/commands/env-unset';
import { HarborError } from '../../../src/shared/core/errors';
import { createFakeDeps } from '../../support/fake-deps';
import { makeTempHome, snapshotHome } from '../../support/temp-home';

const COMMANDS = [envSetCommand, envUnsetCommand];
const SYS = '# Shared by every service\nTZ=UTC # the host zone\n\n# ports\nPORT=80\n';
const FILES = {
  'etc/sys.env': SYS,
  'stacks/web/service.env': '# web\nWEBUI_NAME=Chat\n',
  'stacks/db/.keep': '',
  'override.secrets.env': 'DB_PASSWORD=hunter2\n',
  // A sops dotenv file: its names are plain text; Harbor does not decrypt it to find them.
  'prod.sops.env': 'API_TOKEN=ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]\nsops_version=3.9.0\n',
};

async function harbor(argv: string[], files: Record<string, string> = FILES) {
  const home = await makeTempHome(files);
  const deps = createFakeDeps(() => ({}), home);
  const code = await runCli(argv, COMMANDS, deps);
  return { code, logs: deps.logs.join('\n'), home };
}

test('env set and unset write the right layer file, keeping comments and order', async () => {
  const cases = [
    { argv: ['env', 'set', 'TZ', 'Europe/Berlin'], file: 'etc/sys.env', text: '# Shared by every service\nTZ=Europe/Berlin # the host zone\n\n# ports\nPORT=80\n', log: /changed TZ in etc\/sys\.env/ },
    { argv: ['env', 'set', 'NEW', 'a b'], file: 'etc/sys.env', text: `${SYS}NEW='a b'\n`, log: /added NEW in etc\/sys\.env/ },
    { argv: ['env', 'set', '--service', 'web', 'WEBUI_NAME', 'My chat'], file: 'stacks/web/service.env', text: "# web\nWEBUI_NAME='My chat'\n", log: /stacks\/web\/service\.env/ },
    { argv: ['env', 'set', '--service', 'db', 'PGPORT', '5433'], file: 'stacks/db/service.env', text: 'PGPORT=5433\n', log: /added PGPORT in stacks\/db\/service\.env/ },
    { argv: ['env', 'unset', 'PORT'], file: 'etc/sys.env', text: '# Shared by every service\nTZ=UTC # the host zone\n\n# ports\n', log: /removed PORT from etc\/sys\.env/ },
    { argv: ['env', 'unset', 'NOPE'], file: 'etc/sys.env', text: SYS, log: /NOPE is not set in etc\/sys\.env/ },
  ];
  for (const c of cases) {
    const r = await harbor(c.argv);
    assert.equal(r.code, 0, `${c.argv.join(' ')}: ${r.logs}`);
    assert.equal(await readFile(join(r.home, c.file), 'utf8'), c.text, c.argv.join(' '));
    assert.match(r.logs, c.log);
  }
});

test('env set keeps the mode of an existing file', async () => {
  const home = await makeTempHome(FILES);
  const { chmod } = await import('node:fs/promises');
  await chmod(join(home, 'etc/sys.env'), 0o640);
  const code = await runCli(['env', 'set', 'TZ', 'X'], COMMANDS, createFakeDeps(() => ({}), home));
  assert.equal(code, 0);
  assert.equal((await stat(join(home, 'etc/sys.env'))).mode & 0o777, 0o640);
});

/** The HarborError a command ends with (the composition root prints it): its exit code and message with hint. */
async function failure(argv: string[], home: string) {
  try {
    await runCli(argv, COMMANDS, createFakeDeps(() => ({}), home));
  } catch (err) {
    if (err instanceof HarborError) return { code: err.exitCode, logs: `${err.message}\n${err.hint ?? ''}` };
    throw err;
  }
  return { code: 0, logs: '' };
}

test('bad input: exact error, nothing written', async () => {
  const cases = [
    { argv: ['env', 'set', 'DB_PASSWORD', 'x'], code: 4, log: /DB_PASSWORD is a secret \(set in override\.secrets\.env\): env set does not write secrets in plain text[\s\S]*harbor secrets set override\.secrets\.env DB_PASSWORD/ },
    { argv: ['env', 'set', 'API_TOKEN', 'x'], code: 4, log: /API_TOKEN is a secret \(set in prod\.sops\.env\)/ },
    { argv: ['env', 'unset', 'API_TOKEN'], code: 4, log: /API_TOKEN is a secret/ },
    { argv: ['env', 'set', '1BAD', 'x'], code: 2, log: /"1BAD" is not a variable name/ },
    { argv: ['env', 'set', '--service', '../etc', 'A', 'x'], code: 2, log: /--service: "\.\.\/etc" is not a service name/ },
  ];
  for (const c of cases) {
    const home = await makeTempHome(FILES);
    const before = await snapshotHome(home);
    const { code, logs } = await failure(c.argv, home);
    assert.equal(code, c.code, `${c.argv.join(' ')}: ${logs}`);
    assert.match(logs, c.log);
    assert.doesNotMatch(logs, /hunter2/);
    assert.deepEqual(await snapshotHome(home), before, c.argv.join(' '));
  }
});

test('a layer file compose cannot read is not rewritten', async () => {
  const files = { ...FILES, 'etc/sys.env': 'A="never closed\n' };
  const home = await makeTempHome(files);
  const { code, logs } = await failure(['env', 'set', 'B', '1'], home);
  assert.equal(code, 4);
  assert.match(logs, /etc\/sys\.env:1: A: unterminated quoted value/);
  assert.equal(await readFile(join(home, 'etc/sys.env'), 'utf8'), 'A="never closed\n');
});
