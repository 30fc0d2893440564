// Every command that calls compose hands it ONE file (Harbor's merged model), on the real engine; the file holds no secret.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { requireDocker } from '../../support/docker-available';
import { makeExampleHome, removeExampleHome, runRunner, type RunnerResult } from '../../support/compose-home';

const example = makeExampleHome();
after(() => removeExampleHome(example));
// A secret only this run knows, as the greeter's greeting: compose must get it from the environment, never the file.
const secret = `single-secret-${randomBytes(6).toString('hex')}`;

/** The argv of every `docker compose -p …` call (on the project, not `compose version`) the runner logged at --debug. */
function composeCalls(run: RunnerResult): string[][] {
  return run.stderr.split('\n').flatMap((line) => {
    const at = line.indexOf('$ docker compose -p ');
    return at < 0 ? [] : [line.slice(at + 2).trim().split(' ')];
  });
}

/** The `-f` values of one compose argv. */
function fileFlags(argv: readonly string[]): string[] {
  return argv.flatMap((word, i) => (word === '-f' ? [argv[i + 1]!] : []));
}

test('single-file mode: up, ps, url, ls, logs, exec, shell, one-off run, build, pull, restart and down each give compose exactly one -f; config asks compose nothing', async (t) => {
  if (!requireDocker(t)) return;
  const { home } = example;
  writeFileSync(join(home, 'override.secrets.env'), `HARBOR_GREETING=${secret}\n`);
  const single = join(home, 'var/run/.harbor/compose.model.json');
  const commands: Array<{ args: string[]; stdout?: string; code?: number; noCompose?: boolean }> = [
    { args: ['up'] },
    { args: ['ps'] },
    { args: ['ps', '--json'] },
    { args: ['url', 'hello'] },
    { args: ['ls', '--active'], stdout: 'greeter\nhello\n' },
    { args: ['logs', '--no-follow', '-n', '5'] },
    { args: ['logs', '--no-follow', 'hello'] },
    // The secret reaches the container: compose interpolated ${HARBOR_GREETING} from its environment.
    { args: ['exec', 'greeter', 'printenv', 'GREETING'], stdout: `${secret}\n` },
    { args: ['shell', 'hello'] },
    { args: ['run', 'hello', 'cat', '/www/index.html'] },
    { args: ['build', 'hello'] },
    // The runner cannot reach a registry: compose is still called (with one file); failures are ignored.
    { args: ['pull', '--ignore-failures'] },
    { args: ['restart', 'greeter'] },
    // Printed from Harbor's model (docs/compose-model.md), as compose prints them.
    { args: ['config'], noCompose: true },
    { args: ['config', '--services'], noCompose: true },
    { args: ['down'] },
  ];
  const seen: string[] = [];
  for (const command of commands) {
    const run = await runRunner(home, ['--debug', ...command.args]);
    const label = `harbor ${command.args.join(' ')}`;
    assert.equal(run.code, command.code ?? 0, `${label}: ${run.stderr}`);
    if (command.stdout !== undefined) assert.equal(run.stdout, command.stdout, label);
    assert.ok(!run.stdout.includes(secret) || command.args[0] === 'exec', `${label} printed the secret`);
    const calls = composeCalls(run);
    if (command.noCompose) {
      assert.deepStrictEqual(calls, [], `${label} called compose`);
      continue;
    }
    assert.ok(calls.length > 0, `${label}: no compose call logged:\n${run.stderr}`);
    for (const argv of calls) {
      assert.deepStrictEqual(fileFlags(argv), [single], `${label}: ${argv.join(' ')}`);
      seen.push(argv[argv.indexOf(single) + 1]!);
    }
    // prepare takes the service names from the model: no `config --services`.
    assert.ok(!calls.some((argv) => argv.includes('--services')), `${label} asked compose for the services`);
  }
  assert.deepStrictEqual([...new Set(seen)].sort(), ['build', 'down', 'exec', 'logs', 'ps', 'pull', 'run', 'up']);

  // The file is 0600 and holds the secret as a reference, never its value.
  const text = readFileSync(single, 'utf8');
  assert.equal(statSync(single).mode & 0o777, 0o600);
  assert.ok(!text.includes(secret), 'the secret value is in the single file');
  assert.equal(JSON.parse(text).services.greeter.environment.GREETING, '${HARBOR_GREETING}');
});

test('single-file mode: --compose-files keeps the N files, and `harbor cmd` prints them', async (t) => {
  if (!requireDocker(t)) return;
  const { home } = example;
  const files = ['compose.yml', 'compose.greeter.yml', 'compose.hello.yml', 'compose.x.hello.greeter.yml'].map((f) => join(home, 'etc/stacks', f));
  const ps = await runRunner(home, ['--debug', '--compose-files', 'ps']);
  assert.equal(ps.code, 0, ps.stderr);
  const calls = composeCalls(ps);
  assert.ok(calls.length > 0, ps.stderr);
  for (const argv of calls) assert.deepStrictEqual(fileFlags(argv).filter((f) => !f.includes('/var/run/overlays/')), files);
  const cmd = await runRunner(home, ['cmd']);
  assert.equal(cmd.code, 0, cmd.stderr);
  assert.deepStrictEqual(fileFlags(cmd.stdout.trim().split(' ')), files);
});
