// The completion cache's lines, from fake commands and facts: what each shell will read.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import * as v from 'valibot';
import { buildCompletionCache, CACHE_HEADER } from '../../../src/completion/core/build-completion-cache';
import { defineCommand, type CommandSpec } from '../../../src/shared/command-spec';
import { ALL_COMMANDS } from '../../../src/cli/all-commands';
import { GLOBAL_OPTIONS } from '../../../src/cli/cli';

const noop = async () => undefined;
const spec = (usage: string, flags: string[] = []): CommandSpec =>
  defineCommand({ usage, group: 'Stack', summary: usage, options: flags.map((f) => ({ flags: f, description: f })), schema: v.object({}), run: noop });
const GLOBALS = [{ flags: '--debug', description: 'd' }];
const FACTS = { services: ['hello', 'greeter', 'bad name', 'a\tb'], stages: ['deploy', 'backup'], profiles: ['default'] };

const cases: Array<{ name: string; commands: CommandSpec[]; aliases?: Record<string, string>; expected: string[] }> = [
  {
    name: 'a variadic handles argument completes services at every position; value flags are listed apart',
    commands: [spec('up [...handles]', ['--profile <name>', '-n, --tail <lines>', '--dry-run'])],
    expected: [
      'sub\t-\tup', 'val\t-\t', 'val\tup\t--profile -n --tail', 'arg\tup\t1+=@services', 'opt\t-\t--debug -h --help -v --version', 'opt\tup\t--profile -n --tail --dry-run --debug -h --help',
    ],
  },
  {
    name: 'two-word commands make a group; a command that is also a group keeps its own argument',
    commands: [spec('tunnel <service>'), spec('tunnel ls'), spec('tunnel named <up|down>')],
    expected: [
      'sub\t-\ttunnel', 'sub\ttunnel\tls named', 'val\t-\t', 'arg\ttunnel\t1=@services', 'arg\ttunnel named\t1=up,down', 'opt\t-\t--debug -h --help -v --version', 'opt\ttunnel\t--debug -h --help', 'opt\ttunnel ls\t--debug -h --help', 'opt\ttunnel named\t--debug -h --help',
    ],
  },
  {
    name: 'files, a second positional, and run (stages, then services)',
    commands: [spec('secrets set <file> <path>'), spec('run <name> [...args]'), spec('exec <service> [...command]')],
    expected: [
      'sub\t-\tsecrets run exec', 'sub\tsecrets\tset', 'val\t-\t', 'arg\tsecrets set\t1=@files', 'arg\trun\t1=@stages,@services', 'arg\texec\t1=@services', 'opt\t-\t--debug -h --help -v --version', 'opt\tsecrets set\t--debug -h --help', 'opt\trun\t--debug -h --help', 'opt\texec\t--debug -h --help',
    ],
  },
  {
    name: 'the shim\'s own runner subcommands; aliases only for commands that exist',
    commands: [spec('runner save <file>'), spec('up [...handles]')],
    aliases: { start: 'up', o: 'open' },
    expected: [
      'alias\tstart\tup', 'sub\t-\trunner up', 'sub\trunner\tsave build load image', 'val\t-\t', 'arg\trunner save\t1=@files', 'arg\tup\t1+=@services', 'opt\t-\t--debug -h --help -v --version', 'opt\trunner save\t--debug -h --help', 'opt\tup\t--debug -h --help',
    ],
  },
];

for (const c of cases) {
  test(`buildCompletionCache: ${c.name}`, () => {
    const lines = buildCompletionCache(c.commands, GLOBALS, c.aliases ?? {}, FACTS).split('\n');
    assert.equal(lines[0], CACHE_HEADER);
    // Names a shell word cannot hold as is are left out; the rest sorted.
    assert.deepEqual(lines.slice(1), [
      'list\tservices\tgreeter hello',
      'list\tstages\tbackup deploy',
      'list\tprofiles\tdefault',
      'optarg\t--profile\t@profiles',
      ...c.expected,
      '',
    ]);
  });
}

test('the real command list: every command has its options line, and every line has three fields and no stray tab', () => {
  const text = buildCompletionCache(ALL_COMMANDS, GLOBAL_OPTIONS, {}, { services: [], stages: [], profiles: [] });
  const lines = text.slice(0, -1).split('\n').slice(1);
  for (const line of lines) assert.equal(line.split('\t').length, 3, JSON.stringify(line));
  const optionLines = new Set(lines.filter((l) => l.startsWith('opt\t')).map((l) => l.split('\t')[1]));
  for (const command of ALL_COMMANDS) assert.ok(optionLines.has(command.usage.replace(/\s*[<[].*$/, '')), command.usage);
  assert.match(text, /^arg\tlogs\t1\+=@services$/m);
  assert.match(text, /^arg\tcompletion\t1=bash,zsh,fish$/m);
  assert.match(text, /^val\tlogs\t.*--tail/m);
  // Each kind in one block (the shells' lookup stops at the end of its kind's block).
  const kinds = lines.map((l) => l.split('\t')[0]!);
  assert.deepEqual(kinds.filter((k, i) => k !== kinds[i - 1]), ['list', 'optarg', 'sub', 'val', 'arg', 'opt']);
});
