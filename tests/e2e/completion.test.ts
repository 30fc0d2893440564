// Shell completion and v1's words through ./harbor.sh: the printed script names this home, the runner writes the cache
// (and refreshes it after a command), and real bash completes the home's services and stages from it with no runner.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { requireDocker } from '../support/docker-available';
import { EXAMPLE_ENV, makeExampleHome, removeExampleHome, type ExampleHome } from '../support/compose-home';
import { SHIM, runHarbor } from '../support/run-harbor';
import { requireTools } from '../support/host-tools';

let example: ExampleHome;
let shim: string;
const env = { ...EXAMPLE_ENV, NO_COLOR: '1' };

before(() => {
  example = makeExampleHome();
  shim = join(example.home, 'harbor.sh');
  copyFileSync(SHIM, shim);
});
after(() => removeExampleHome(example));

const harbor = (args: string[]) => runHarbor(args, { script: shim, env, cwd: example.home });

/** Completes WORDS (the last one being typed) with the printed bash script, in a bash that has never run Harbor. */
function bashComplete(script: string, words: string[]): string[] {
  const r = spawnSync('bash', ['-c', `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _harbor; printf '%s\\n' "\${COMPREPLY[@]}"`, 'bash', script, ...words], {
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin', HOME: example.home },
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean).sort();
}

test('./harbor.sh completion bash: a script for this home; the cache is written; bash completes its services and stages', async (t) => {
  if (!requireDocker(t) || !requireTools(t, 'bash')) return;
  const printed = await harbor(['completion', 'bash']);
  assert.equal(printed.code, 0, printed.stderr);
  assert.ok(printed.stdout.includes(`__harbor_home_default='${example.home}'`));
  const script = join(example.home, 'harbor-completion.bash');
  writeFileSync(script, printed.stdout);
  const cache = join(example.home, 'var/cache/completion.tsv');
  assert.equal(statSync(cache).uid, process.getuid!(), 'the cache belongs to the user, not root');

  const ls = await harbor(['ls']);
  assert.equal(ls.code, 0, ls.stderr);
  const services = ls.stdout.split('\n').filter(Boolean).sort();
  assert.ok(services.includes('hello') && services.includes('greeter'), ls.stdout);
  assert.deepEqual(bashComplete(script, ['harbor', 'up', '']), services);
  assert.deepEqual(bashComplete(script, ['./harbor.sh', 'run', 'post']), ['post_deploy']);
  assert.deepEqual(bashComplete(script, ['harbor', 'secrets', 'de']), ['decrypt']);
  assert.deepEqual(bashComplete(script, ['harbor', 'up', '--no-d']), ['--no-defaults']);
});

test('a command refreshes the cache: a new compose file completes after the next ./harbor.sh ls, without completion --refresh', async (t) => {
  if (!requireDocker(t) || !requireTools(t, 'bash')) return;
  const printed = await harbor(['completion', 'bash']);
  const script = join(example.home, 'harbor-completion.bash');
  writeFileSync(script, printed.stdout);
  writeFileSync(join(example.home, 'etc/stacks/compose.zzextra.yml'), 'services:\n  zzextra:\n    image: busybox\n');
  assert.deepEqual(bashComplete(script, ['harbor', 'logs', 'zz']), []);
  const ls = await harbor(['ls']);
  assert.equal(ls.code, 0, ls.stderr);
  assert.deepEqual(bashComplete(script, ['harbor', 'logs', 'zz']), ['zzextra']);
  assert.match(readFileSync(join(example.home, 'var/cache/completion.tsv'), 'utf8'), /^list\tservices\t.*\bzzextra\b/m);
});

test('./harbor.sh completion tcsh: the usage error, exit 2', async (t) => {
  if (!requireDocker(t)) return;
  const r = await harbor(['completion', 'tcsh']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /completion: unknown shell "tcsh": bash, zsh or fish/);
});

// A sample of v1's words through the shim (all of them: runner/test/cli/v1-words-cli.test.ts, in-process).
test('v1 words through ./harbor.sh: aliases run their command; the rest answer with one line and exit 2', async (t) => {
  if (!requireDocker(t)) return;
  const [list, ls, version, help, stats, ollama, volumes] = await Promise.all([
    harbor(['list']), harbor(['ls']), harbor(['version']), harbor(['help']), harbor(['stats']), harbor(['ollama', 'models']), harbor(['volumes']),
  ]);
  assert.equal(list.code, 0, list.stderr);
  assert.equal(list.stdout, ls.stdout);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^harbor \d+\.\d+\.\d+/);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage/);
  for (const [r, word] of [[stats, 'stats'], [ollama, 'ollama'], [volumes, 'volumes']] as const) {
    assert.equal(r.code, 2, `${word}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    const lines = r.stderr.split('\n').filter(Boolean);
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, new RegExp(`^✖ '${word}' was a Harbor v1 command; in v2 use `));
  }
  assert.ok(stats.stderr.includes('in v2 use $(./harbor.sh cmd) stats'));
  assert.ok(ollama.stderr.includes('harbor svc ollama <command>'));
});
