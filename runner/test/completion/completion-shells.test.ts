// The printed scripts in real shells: bash (its completion function with COMP_WORDS/COMP_CWORD set), zsh (the
// function with words/CURRENT, compadd and _files stubbed: they exist only inside zsh's completion widget) and fish
// (`complete -C`, fish's own completion of a command line). Each reads a cache built from the real command list.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { buildCompletionCache } from '../../src/completion/core/build-completion-cache';
import { renderCompletionScript, shQuote } from '../../src/completion/core/render-completion-script';
import { SHELL_CORE } from '../../src/completion/core/completion-shell-core';
import { ALL_COMMANDS } from '../../src/cli/all-commands';
import { GLOBAL_OPTIONS } from '../../src/cli/cli';
import { requireTools } from '../../../tests/support/host-tools';

// A home path with a space and a quote: the embedded path must survive each shell's quoting.
const root = mkdtempSync(join(tmpdir(), 'harbor-completion-'));
const home = join(root, "my 'harbor' home");
mkdirSync(join(home, 'var', 'cache'), { recursive: true });
writeFileSync(
  join(home, 'var', 'cache', 'completion.tsv'),
  buildCompletionCache(ALL_COMMANDS, GLOBAL_OPTIONS, { start: 'up', log: 'logs', list: 'ls' }, {
    services: ['hello', 'greeter', 'webui'],
    stages: ['source', 'prepare', 'deploy', 'post_deploy', 'destroy', 'backup'],
    profiles: ['default', 'llm'],
  }),
);
const scripts = Object.fromEntries((['bash', 'zsh', 'fish'] as const).map((shell) => {
  const file = join(root, `harbor.${shell}`);
  writeFileSync(file, renderCompletionScript(shell, home));
  return [shell, file];
}));
after(() => rmSync(root, { recursive: true, force: true }));

const TOP = ALL_COMMANDS.map((c) => c.usage.split(' ')[0]!).filter((w, i, all) => all.indexOf(w) === i);

/** The command line before the cursor, as words (the last one is being completed), and what the shell must offer. */
const cases: Array<{ name: string; words: string[]; expected: string[] | 'files' }> = [
  { name: 'commands', words: ['harbor', ''], expected: TOP },
  { name: 'commands by prefix', words: ['harbor', 'd'], expected: ['deploy', 'destroy', 'down', 'descriptor', 'doctor'] },
  { name: 'services after up', words: ['harbor', 'up', ''], expected: ['greeter', 'hello', 'webui'] },
  { name: 'more services after a service', words: ['harbor', 'up', 'hello', 'w'], expected: ['webui'] },
  { name: 'options of up', words: ['harbor', 'up', '--dr'], expected: ['--dry-run'] },
  { name: 'a value option takes the next word: profiles after --profile', words: ['harbor', 'deploy', '--profile', ''], expected: ['default', 'llm'] },
  { name: 'after a value option\'s value, services again', words: ['harbor', 'logs', '-n', '5', 'h'], expected: ['hello'] },
  { name: 'stages and services after run', words: ['./harbor.sh', 'run', 'p'], expected: ['post_deploy', 'prepare'] },
  { name: 'a custom stage', words: ['harbor.sh', 'run', 'b'], expected: ['backup'] },
  { name: 'subcommands', words: ['harbor', 'secrets', 'up'], expected: ['updatekeys'] },
  { name: 'a command that is also a group: its subcommands and services', words: ['harbor', 'tunnel', ''], expected: ['ls', 'stop', 'named', 'greeter', 'hello', 'webui'] },
  { name: 'the shim\'s own runner subcommands', words: ['harbor', 'runner', ''], expected: ['save', 'build', 'load', 'image'] },
  { name: 'literal choices', words: ['harbor', 'tunnel', 'named', ''], expected: ['up', 'down'] },
  { name: 'shells', words: ['harbor', 'completion', 'z'], expected: ['zsh'] },
  { name: 'a v1 alias completes like its command', words: ['harbor', 'start', 'gr'], expected: ['greeter'] },
  { name: 'global flags before the command', words: ['harbor', '--debug', 'up', 'g'], expected: ['greeter'] },
  { name: 'a file argument: the shell\'s path completion', words: ['harbor', 'secrets', 'decrypt', ''], expected: 'files' },
  { name: 'after --: the shell\'s path completion', words: ['harbor', 'logs', 'hello', '--', ''], expected: 'files' },
  { name: 'top-level flags', words: ['harbor', '--vers'], expected: ['--version'] },
];

function run(command: string, args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync(command, args, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: root, ...env } });
  assert.equal(r.status, 0, `${command}: ${r.stderr}`);
  return r.stdout;
}

/** bash: source the script, set COMP_WORDS/COMP_CWORD, call the function `complete -p` names, print COMPREPLY. */
function bashComplete(words: string[], env: Record<string, string> = {}): string[] | 'files' {
  const program = `source ${shQuote(scripts.bash!)}
fn=$(complete -p harbor.sh | sed -n 's/.*-F \\([^ ]*\\).*/\\1/p')
COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
"$fn"
[ "$__harbor_mode" = files ] && echo "<files>"
printf '%s\\n' "\${COMPREPLY[@]}"`;
  return parse(run('bash', ['-c', program, 'bash', ...words], env));
}

function zshComplete(words: string[]): string[] | 'files' {
  const program = `compdef() { :; }
source ${shQuote(scripts.zsh!)}
compadd() { [ "$1" = -- ] && shift; print -rl -- "$@"; }
_files() { print -r -- "<files>"; }
words=("$@"); CURRENT=$#
_harbor`;
  const out = parse(run('zsh', ['-f', '-c', program, 'zsh', ...words]));
  // compadd filters by the typed prefix inside the widget; the stub does not.
  return out === 'files' ? out : out.filter((w) => w.startsWith(words.at(-1)!));
}

function fishComplete(words: string[]): string[] | 'files' {
  const line = words.map((w, i) => (i === words.length - 1 ? w : w || "''")).join(' ');
  const out = run('fish', ['--no-config', '-c', `source ${fishWord(scripts.fish!)}; complete -C ${fishWord(line)}`]);
  const got = out.split('\n').filter(Boolean).map((l) => l.split('\t')[0]!);
  // Path completion lists the folder's entries (here: HOME=root holds the scripts).
  return got.some((w) => w.startsWith('harbor.') || w.includes('/')) ? 'files' : got;
}

function parse(out: string): string[] | 'files' {
  const lines = out.split('\n').filter(Boolean);
  return lines.includes('<files>') ? 'files' : lines;
}

function fishWord(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

const sorted = (x: string[] | 'files') => (x === 'files' ? x : [...x].sort());

for (const c of cases) {
  test(`bash completes: ${c.name}`, (t) => {
    if (!requireTools(t, 'bash')) return;
    assert.deepEqual(sorted(bashComplete(c.words)), sorted(c.expected));
  });
  test(`zsh completes: ${c.name}`, (t) => {
    if (!requireTools(t, 'zsh')) return;
    assert.deepEqual(sorted(zshComplete(c.words)), sorted(c.expected));
  });
  test(`fish completes: ${c.name}`, (t) => {
    if (!requireTools(t, 'fish')) return;
    if (c.expected === 'files' && c.words.at(-1) === '') {
      // fish lists the current folder: the scripts' folder here.
      assert.equal(fishComplete(c.words), 'files');
      return;
    }
    assert.deepEqual(sorted(fishComplete(c.words)), sorted(c.expected));
  });
}

test('bash: the function is registered for harbor and harbor.sh (complete -p)', (t) => {
  if (!requireTools(t, 'bash')) return;
  const out = run('bash', ['-c', `source ${shQuote(scripts.bash!)}; complete -p harbor harbor.sh`]);
  assert.deepEqual(out.trim().split('\n'), ['complete -F _harbor harbor', 'complete -F _harbor harbor.sh']);
});

test('the home: HARBOR_HOME wins over the embedded one; a command typed as a path to a home uses that home', (t) => {
  if (!requireTools(t, 'bash')) return;
  const other = join(root, 'other');
  mkdirSync(join(other, 'var', 'cache'), { recursive: true });
  writeFileSync(join(other, 'var', 'cache', 'completion.tsv'), 'harbor-completion\t1\nsub\t-\tonly-in-other\n');
  assert.deepEqual(bashComplete(['harbor', ''], { HARBOR_HOME: other }), ['only-in-other']);
  assert.deepEqual(bashComplete([`${other}/harbor.sh`, '']), ['only-in-other']);
  assert.deepEqual(bashComplete(['~/other/harbor.sh', '']), ['only-in-other']);
  // A path whose folder holds no cache (a symlink elsewhere): the embedded home.
  assert.deepEqual(bashComplete([`${root}/nowhere/harbor`, 'sec']), ['secrets']);
});

test('no cache yet: nothing offered, no error', (t) => {
  if (!requireTools(t, 'bash')) return;
  assert.deepEqual(bashComplete(['harbor', ''], { HARBOR_HOME: join(root, 'empty') }), []);
});

test('the scripts: embedded home quoted, the core free of single quotes (zsh and fish embed it in them), shellcheck-clean bash', (t) => {
  assert.ok(!SHELL_CORE.includes("'"));
  assert.ok(renderCompletionScript('bash', "/a b/it's").includes(`__harbor_home_default='/a b/it'\\''s'`));
  assert.ok(renderCompletionScript('fish', "/a b/it's").includes(`set -g __harbor_home_default '/a b/it\\'s'`));
  assert.match(renderCompletionScript('zsh', '/h'), /^#compdef harbor harbor\.sh\n/);
  if (!requireTools(t, 'shellcheck')) return;
  const r = spawnSync('shellcheck', ['-s', 'bash', scripts.bash!], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout);
});
