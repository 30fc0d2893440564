// The cache from a real home on disk: services from the compose file names, stages and profiles from the descriptor,
// rewritten only when it changed, and the command's errors (bad shell, unwritable home) with nothing half-written.
import { strict as assert } from 'node:assert';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../src/cli/cli';
import { ALL_COMMANDS } from '../../src/cli/all-commands';
import { GLOBAL_OPTIONS } from '../../src/cli/cli';
import { COMPLETION_CACHE, readCompletionFacts, writeCompletionCache } from '../../src/completion/write-completion-cache';
import { UsageError } from '../../src/shared/core/errors';
import { createFakeDeps } from '../support/fake-deps';
import { makeTempHome } from '../support/temp-home';

const DESCRIPTOR = `version: 1
profiles: { default: { services: [hello] }, llm: { services: [webui] } }
stages: { backup: { steps: [{ action: compose.exec, service: hello, command: [echo] }] } }
`;
const STACKS = {
  'etc/stacks/compose.yml': 'services: {}\n',
  'etc/stacks/compose.hello.yml': 'services: { hello: { image: busybox } }\n',
  'etc/stacks/compose.greeter.yml': 'services: { greeter: { image: busybox } }\n',
  'etc/stacks/compose.x.hello.greeter.yml': 'services: {}\n',
  'etc/stacks/compose.hello.nvidia.yml': 'services: {}\n',
};

test('readCompletionFacts: handles from the compose names (no capabilities), stages and profiles from the descriptor', async () => {
  const home = await makeTempHome({ 'etc/harbor.yaml': DESCRIPTOR, ...STACKS });
  assert.deepEqual(await readCompletionFacts(home), {
    services: ['greeter', 'hello'].sort(),
    stages: ['source', 'prepare', 'deploy', 'post_deploy', 'destroy', 'backup'],
    profiles: ['default', 'llm'],
  });
});

test('readCompletionFacts: a broken descriptor still gives the built-in stages (commands and options keep completing)', async () => {
  const home = await makeTempHome({ 'etc/harbor.yaml': 'version: 1\nprofiles: [\n', ...STACKS });
  assert.deepEqual(await readCompletionFacts(home), { services: [], stages: ['source', 'prepare', 'deploy', 'post_deploy', 'destroy'], profiles: [] });
});

test('writeCompletionCache: writes once, leaves an unchanged cache alone, rewrites when a compose file appears', async () => {
  const home = await makeTempHome({ 'etc/harbor.yaml': DESCRIPTOR, ...STACKS });
  const path = join(home, COMPLETION_CACHE);
  assert.equal(await writeCompletionCache(home, ALL_COMMANDS, GLOBAL_OPTIONS), true);
  const first = await readFile(path, 'utf8');
  assert.match(first, /^list\tservices\tgreeter hello$/m);
  assert.match(first, /^list\tstages\tbackup deploy destroy post_deploy prepare source$/m);
  const mtime = (await stat(path)).mtimeMs;
  assert.equal(await writeCompletionCache(home, ALL_COMMANDS, GLOBAL_OPTIONS), false);
  assert.equal((await stat(path)).mtimeMs, mtime);
  await writeFile(join(home, 'etc/stacks/compose.webui.yml'), 'services: {}\n');
  assert.equal(await writeCompletionCache(home, ALL_COMMANDS, GLOBAL_OPTIONS), true);
  assert.match(await readFile(path, 'utf8'), /^list\tservices\tgreeter hello webui$/m);
  // No temporary file left beside it.
  assert.deepEqual(await readdir(join(home, 'var/cache')), ['completion.tsv']);
});

test('writeCompletionCache onlyIfPresent (the refresh after each command): no cache yet, nothing written, not even var/', async () => {
  const home = await makeTempHome({ 'etc/harbor.yaml': DESCRIPTOR, ...STACKS });
  assert.equal(await writeCompletionCache(home, ALL_COMMANDS, GLOBAL_OPTIONS, { onlyIfPresent: true }), false);
  await assert.rejects(stat(join(home, 'var')), { code: 'ENOENT' });
  await writeCompletionCache(home, ALL_COMMANDS, GLOBAL_OPTIONS);
  await writeFile(join(home, 'etc/stacks/compose.webui.yml'), 'services: {}\n');
  assert.equal(await writeCompletionCache(home, ALL_COMMANDS, GLOBAL_OPTIONS, { onlyIfPresent: true }), true);
  assert.match(await readFile(join(home, COMPLETION_CACHE), 'utf8'), /^list\tservices\tgreeter hello webui$/m);
});

test('harbor completion bash: prints the script for this home and writes the cache', async () => {
  const home = await makeTempHome({ 'etc/harbor.yaml': DESCRIPTOR, ...STACKS });
  const deps = createFakeDeps(() => ({}), home);
  assert.equal(await runCli(['completion', 'bash'], ALL_COMMANDS, deps), 0);
  const script = deps.stdout.join('');
  assert.ok(script.includes(`__harbor_home_default='${home}'`));
  assert.match(script, /^complete -F _harbor harbor harbor\.sh$/m);
  assert.match(await readFile(join(home, COMPLETION_CACHE), 'utf8'), /^sub\t-\t.*\bcompletion\b/m);
});

test('harbor completion --refresh: writes the cache, prints nothing on stdout', async () => {
  const home = await makeTempHome({ 'etc/harbor.yaml': DESCRIPTOR, ...STACKS });
  const deps = createFakeDeps(() => ({}), home);
  assert.equal(await runCli(['completion', '--refresh'], ALL_COMMANDS, deps), 0);
  assert.deepEqual(deps.stdout, []);
  assert.deepEqual(deps.logs, [`info: ${COMPLETION_CACHE} refreshed`]);
  await runCli(['completion', '--refresh'], ALL_COMMANDS, deps);
  assert.equal(deps.logs[1], `info: ${COMPLETION_CACHE} already up to date`);
});

const usageCases = [
  { argv: ['completion'], message: 'completion: name a shell: bash, zsh or fish' },
  { argv: ['completion', 'tcsh'], message: 'completion: unknown shell "tcsh": bash, zsh or fish' },
];
for (const c of usageCases) {
  test(`harbor ${c.argv.join(' ')}: usage error, no cache written`, async () => {
    const home = await makeTempHome({ ...STACKS });
    const deps = createFakeDeps(() => ({}), home);
    await assert.rejects(runCli(c.argv, ALL_COMMANDS, deps), (err: unknown) => err instanceof UsageError && err.message === c.message && err.exitCode === 2);
    await assert.rejects(stat(join(home, 'var')), { code: 'ENOENT' });
    assert.deepEqual(deps.stdout, []);
  });
}

test('var/ that cannot hold the cache (a file here): --refresh fails naming the file and the fix, the file untouched; `completion fish` still prints, with a warning', async () => {
  const home = await makeTempHome({ ...STACKS, var: 'not a folder\n' });
  const deps = createFakeDeps(() => ({}), home);
  await assert.rejects(runCli(['completion', '--refresh'], ALL_COMMANDS, deps), (err: unknown) =>
    err instanceof Error && err.message.startsWith(`completion: cannot write var/cache/completion.tsv in ${home}: `) && (err as { hint?: string }).hint === 'the home (its var/ folder) must be writable by you; the scripts complete nothing until the cache exists');
  assert.equal(await runCli(['completion', 'fish'], ALL_COMMANDS, deps), 0);
  assert.match(deps.stdout.join(''), /complete -c harbor /);
  assert.match(deps.logs.join('\n'), /warn: completion: cannot write var\/cache\/completion\.tsv/);
  assert.equal(await readFile(join(home, 'var'), 'utf8'), 'not a folder\n');
});
