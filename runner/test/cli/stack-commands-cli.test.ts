// The stack and deploy commands as the CLI parses them: the exact validated options and arguments each one gets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCli, validateOptions } from '../../src/cli/cli';
import { buildCommand } from '../../src/compose/commands/build';
import { cmdCommand } from '../../src/compose/commands/cmd';
import { configCommand } from '../../src/compose/commands/config';
import { deployCommand } from '../../src/workflow/commands/deploy';
import { destroyCommand } from '../../src/workflow/commands/destroy';
import { downCommand } from '../../src/compose/commands/down';
import { execCommand } from '../../src/compose/commands/exec';
import { logsCommand } from '../../src/compose/commands/logs';
import { lsCommand } from '../../src/source/commands/ls';
import { psCommand } from '../../src/compose/commands/ps';
import { pullCommand } from '../../src/compose/commands/pull';
import { restartCommand } from '../../src/compose/commands/restart';
import { shellCommand } from '../../src/compose/commands/shell';
import { upCommand } from '../../src/compose/commands/up';
import { urlCommand } from '../../src/compose/commands/url';
import type { CommandSpec } from '../../src/shared/command-spec';
import { UsageError } from '../../src/shared/core/errors';

const commands: CommandSpec[] = [deployCommand, destroyCommand, upCommand, downCommand, restartCommand, psCommand, logsCommand, execCommand, shellCommand, pullCommand, buildCommand, cmdCommand, lsCommand, urlCommand, configCommand] as CommandSpec[];

function parse(argv: string[]) {
  const r = parseCli(argv, commands);
  if (r.kind !== 'run') throw new Error(`expected a command for ${argv.join(' ')}`);
  return { command: r.spec.usage.split(' ')[0], args: r.args, rest: r.rest, options: validateOptions(r.spec, r.options) };
}

const stackDefaults = { defaults: true };

/** Each stack command's options with nothing given (dryRun set by the case). */
const DRY_RUN_DEFAULTS = {
  up: { ...stackDefaults, wait: true, build: false, tail: false, open: false, persistEnv: false, json: false },
  down: { ...stackDefaults, volumes: false },
  restart: stackDefaults,
  pull: { ...stackDefaults, ignoreFailures: false },
  build: { ...stackDefaults, pull: false, cache: true },
};

const cases: Array<{ name: string; argv: string[]; expected: ReturnType<typeof parse> }> = [
  { name: 'up with defaults', argv: ['up'], expected: { command: 'up', args: [], rest: [], options: { ...stackDefaults, wait: true, build: false, tail: false, open: false, persistEnv: false, dryRun: false, json: false } } },
  {
    name: 'up with handles and every flag',
    argv: ['up', 'litellm', 'webui', '--no-defaults', '--profile', 'llm', '--capabilities', 'nvidia,mdc', '--stack', 'ai', '--no-wait', '--build', '--pull', 'never', '--tail', '--json'],
    expected: { command: 'up', args: ['litellm', 'webui'], rest: [], options: { defaults: false, profile: 'llm', capabilities: 'nvidia,mdc', stack: 'ai', wait: false, build: true, pull: 'never', tail: true, open: false, persistEnv: false, dryRun: false, json: true } },
  },
  { name: 'an empty capability pin is kept as ""', argv: ['up', '--capabilities', ''], expected: { command: 'up', args: [], rest: [], options: { ...stackDefaults, capabilities: '', wait: true, build: false, tail: false, open: false, persistEnv: false, dryRun: false, json: false } } },
  { name: 'v1 order: harbor hello up', argv: ['hello', 'up'], expected: { command: 'up', args: ['hello'], rest: [], options: { ...stackDefaults, wait: true, build: false, tail: false, open: false, persistEnv: false, dryRun: false, json: false } } },
  { name: 'down -v', argv: ['down', '-v', 'greeter'], expected: { command: 'down', args: ['greeter'], rest: [], options: { ...stackDefaults, volumes: true, dryRun: false } } },
  { name: 'logs: v1 defaults (20 lines, follow)', argv: ['logs'], expected: { command: 'logs', args: [], rest: [], options: { ...stackDefaults, tail: '20', follow: true, timestamps: false } } },
  {
    name: 'logs: lines, no follow, extra compose flags after --',
    argv: ['logs', 'hello', '-n', '100', '--no-follow', '-t', '--', '--since', '10m'],
    expected: { command: 'logs', args: ['hello'], rest: ['--since', '10m'], options: { ...stackDefaults, tail: '100', follow: false, timestamps: true } },
  },
  { name: 'logs -n all', argv: ['logs', '-n', 'all'], expected: { command: 'logs', args: [], rest: [], options: { ...stackDefaults, tail: 'all', follow: true, timestamps: false } } },
  {
    name: 'exec: the command after -- keeps its flags',
    argv: ['exec', '-u', '0', 'hello', '--', 'ls', '-la'],
    expected: { command: 'exec', args: ['hello'], rest: ['ls', '-la'], options: { ...stackDefaults, user: '0' } },
  },
  { name: 'exec: the command after the service is passed through', argv: ['exec', 'hello', 'cat', '/www/index.html'], expected: { command: 'exec', args: ['hello'], rest: ['cat', '/www/index.html'], options: stackDefaults } },
  { name: 'exec: the command keeps its own flags', argv: ['exec', 'hello', 'ls', '-la'], expected: { command: 'exec', args: ['hello'], rest: ['ls', '-la'], options: stackDefaults } },
  { name: 'shell', argv: ['shell', 'hello'], expected: { command: 'shell', args: ['hello'], rest: [], options: stackDefaults } },
  { name: 'ps -a --json', argv: ['ps', '-a', '--json'], expected: { command: 'ps', args: [], rest: [], options: { ...stackDefaults, all: true, json: true } } },
  { name: 'pull', argv: ['pull', '--ignore-failures'], expected: { command: 'pull', args: [], rest: [], options: { ...stackDefaults, ignoreFailures: true, dryRun: false } } },
  { name: 'build --no-cache', argv: ['build', 'hello', '--no-cache', '--pull'], expected: { command: 'build', args: ['hello'], rest: [], options: { ...stackDefaults, pull: true, cache: false, dryRun: false } } },
  ...(['up', 'down', 'restart', 'pull', 'build'] as const).map((command) => ({
    name: `${command} --dry-run`,
    argv: [command, '--dry-run'],
    expected: { command, args: [], rest: [], options: { ...DRY_RUN_DEFAULTS[command], dryRun: true } },
  })),
  { name: 'cmd', argv: ['cmd', 'webui'], expected: { command: 'cmd', args: ['webui'], rest: [], options: stackDefaults } },
  { name: 'ls --active', argv: ['ls', '-a'], expected: { command: 'ls', args: [], rest: [], options: { ...stackDefaults, active: true, json: false } } },
  { name: 'url -i', argv: ['url', '-i', 'greeter'], expected: { command: 'url', args: ['greeter'], rest: [], options: { ...stackDefaults, internal: true, routed: false, lan: false } } },
  { name: 'url -r', argv: ['url', '-r', 'hello'], expected: { command: 'url', args: ['hello'], rest: [], options: { ...stackDefaults, internal: false, routed: true, lan: false } } },
  { name: 'config --services', argv: ['config', '--services'], expected: { command: 'config', args: [], rest: [], options: { ...stackDefaults, services: true, json: false, compare: false } } },
  { name: 'config --format json --compare', argv: ['config', '--format', 'json', '--compare'], expected: { command: 'config', args: [], rest: [], options: { ...stackDefaults, services: false, json: false, format: 'json', compare: true } } },
  { name: 'deploy --dry-run', argv: ['deploy', 'greeter', '--dry-run'], expected: { command: 'deploy', args: ['greeter'], rest: [], options: { ...stackDefaults, allowHostHooks: false, persistEnv: false, open: false, dryRun: true, json: false } } },
  {
    name: 'deploy --persist-env',
    argv: ['deploy', '--persist-env', '--json'],
    expected: { command: 'deploy', args: [], rest: [], options: { ...stackDefaults, allowHostHooks: false, persistEnv: true, open: false, dryRun: false, json: true } },
  },
  { name: 'destroy --volumes', argv: ['destroy', '--volumes', '--json'], expected: { command: 'destroy', args: [], rest: [], options: { ...stackDefaults, allowHostHooks: false, volumes: true, dryRun: false, json: true } } },
  {
    name: 'deploy --allow-host-hooks',
    argv: ['deploy', '--allow-host-hooks'],
    expected: { command: 'deploy', args: [], rest: [], options: { ...stackDefaults, allowHostHooks: true, persistEnv: false, open: false, dryRun: false, json: false } },
  },
];

for (const c of cases) {
  test(`stack commands CLI: ${c.name}`, () => {
    assert.deepStrictEqual(parse(c.argv), c.expected);
  });
}

const bad: Array<{ name: string; argv: string[]; message: string }> = [
  { name: 'logs -n with a non-number', argv: ['logs', '-n', 'ten'], message: 'logs: --tail: must be a number of lines or "all"' },
  { name: 'up --pull with a bad policy', argv: ['up', '--pull', 'often'], message: 'up: --pull: must be always, missing or never' },
  { name: 'url without a service', argv: ['url'], message: 'url: missing required args for command url <service>' },
  { name: 'destroy takes no handle', argv: ['destroy', 'hello'], message: 'destroy: Unused args: hello' },
  { name: 'an unknown flag', argv: ['up', '--detach'], message: 'up: unknown option --detach' },
  { name: 'a misspelt flag is named as typed, with the nearest', argv: ['up', '--dry-runn'], message: 'up: unknown option --dry-runn (did you mean --dry-run?)' },
  { name: 'a camel-cased --dryRun typo', argv: ['down', '--dry_run'], message: 'down: unknown option --dry_run (did you mean --dry-run?)' },
  { name: 'ps has no --dry-run: it changes nothing', argv: ['ps', '--dry-run'], message: 'ps: unknown option --dry-run' },
];

for (const c of bad) {
  test(`stack commands CLI: ${c.name} is a usage error`, () => {
    assert.throws(() => parse(c.argv), (err: unknown) => {
      assert.ok(err instanceof UsageError);
      assert.equal(err.message, c.message);
      return true;
    });
  });
}
