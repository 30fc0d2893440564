// CLI parsing without spawning: the exact options each command gets.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import * as v from 'valibot';
import { parseCli, validateOptions } from '../../src/cli/cli';
import { defineCommand, type CommandSpec } from '../../src/shared/command-spec';
import { UsageError } from '../../src/shared/core/errors';

const noop = async () => undefined;
const fakes: CommandSpec[] = [
  defineCommand({
    usage: 'logs [...handles]', group: 'Stack', summary: 'logs',
    options: [{ flags: '-n, --tail <lines>', description: 'lines' }, { flags: '--no-follow', description: 'no follow' }],
    schema: v.object({ tail: v.optional(v.string()), follow: v.optional(v.boolean()) }), run: noop,
  }),
  defineCommand({ usage: 'secrets decrypt <file>', group: 'Env & secrets', summary: 'decrypt', options: [{ flags: '--output-type <type>', description: 't' }], schema: v.object({ outputType: v.optional(v.picklist(['yaml', 'json'])) }), run: noop }),
  defineCommand({
    usage: 'exec <service> [...command]', group: 'Stack', summary: 'exec', passThroughAfter: 1,
    options: [{ flags: '-u, --user <user>', description: 'user' }],
    schema: v.object({ user: v.optional(v.string()) }), run: noop,
  }),
  defineCommand({ usage: 'up [...handles]', group: 'Stack', summary: 'up', options: [{ flags: '--dry-run', description: 'd' }], schema: v.object({ dryRun: v.optional(v.boolean()) }), run: noop }),
  defineCommand({ usage: 'doctor', group: 'Runner', summary: 'doctor', options: [{ flags: '--json', description: 'json' }], schema: v.object({ json: v.optional(v.boolean()) }), run: noop }),
];

function run(argv: string[]) {
  const r = parseCli(argv, fakes);
  assert.equal(r.kind, 'run');
  if (r.kind !== 'run') throw new Error('unreachable');
  return { command: r.spec.usage, args: r.args, rest: r.rest, options: r.options };
}

const cases = [
  { name: 'numbers stay strings', argv: ['logs', '-n', '010'], expected: { command: 'logs [...handles]', args: [], rest: [], options: { tail: '010', follow: true } } },
  { name: 'a repeated flag keeps the last value', argv: ['logs', '--tail', '1', '-n', '2'], expected: { command: 'logs [...handles]', args: [], rest: [], options: { tail: '2', follow: true } } },
  { name: '--no-follow negates', argv: ['logs', 'webui', '--no-follow'], expected: { command: 'logs [...handles]', args: ['webui'], rest: [], options: { follow: false } } },
  { name: 'v1 order', argv: ['webui', 'logs'], expected: { command: 'logs [...handles]', args: ['webui'], rest: [], options: { follow: true } } },
  { name: 'arguments after -- are kept apart', argv: ['logs', 'a', '--', '--since', '1h'], expected: { command: 'logs [...handles]', args: ['a'], rest: ['--since', '1h'], options: { follow: true } } },
  { name: 'pass-through: the command keeps its own flags', argv: ['exec', 'hello', 'ls', '-la', '/www'], expected: { command: 'exec <service> [...command]', args: ['hello'], rest: ['ls', '-la', '/www'], options: {} } },
  { name: 'pass-through: Harbor flags before the service are Harbor\'s', argv: ['exec', '-u', '0', 'hello', 'id', '-u'], expected: { command: 'exec <service> [...command]', args: ['hello'], rest: ['id', '-u'], options: { user: '0' } } },
  { name: 'pass-through: an explicit -- still works', argv: ['exec', 'hello', '--', 'ls', '-l'], expected: { command: 'exec <service> [...command]', args: ['hello'], rest: ['ls', '-l'], options: {} } },
  { name: 'two-word command', argv: ['secrets', 'decrypt', 'x.env', '--output-type', 'json'], expected: { command: 'secrets decrypt <file>', args: ['x.env'], rest: [], options: { outputType: 'json' } } },
  { name: 'global flags are kept, aliases dropped', argv: ['--debug', 'doctor', '--json'], expected: { command: 'doctor', args: [], rest: [], options: { debug: true, json: true } } },
  // cac told mri its booleans camel-cased only: a hyphenated one took the next word as its value.
  { name: 'a hyphenated boolean does not swallow the next handle', argv: ['up', '--dry-run', 'webui', 'ollama'], expected: { command: 'up [...handles]', args: ['webui', 'ollama'], rest: [], options: { dryRun: true } } },
  { name: '--compose-files before the command does not swallow it', argv: ['--debug', '--compose-files', 'doctor'], expected: { command: 'doctor', args: [], rest: [], options: { debug: true, composeFiles: true } } },
  { name: '--compose-files after the command', argv: ['doctor', '--compose-files'], expected: { command: 'doctor', args: [], rest: [], options: { composeFiles: true } } },
  { name: "pass-through: the command's own --dry-run is left alone", argv: ['exec', 'app', 'npm', 'publish', '--dry-run'], expected: { command: 'exec <service> [...command]', args: ['app'], rest: ['npm', 'publish', '--dry-run'], options: {} } },
];

for (const c of cases) {
  test(`parseCli: ${c.name}`, () => assert.deepEqual(run(c.argv), c.expected));
}

const errors = [
  { name: 'unknown command with a suggestion', argv: ['doctr'], message: 'unknown command "doctr" (did you mean doctor?)' },
  { name: 'unknown option, with the nearest real one', argv: ['doctor', '--jsn'], message: 'doctor: unknown option --jsn (did you mean --json?)' },
  { name: 'unknown option named as typed, not camel-cased', argv: ['doctor', '--dry-run'], message: 'doctor: unknown option --dry-run' },
  { name: 'missing argument', argv: ['secrets', 'decrypt'], message: 'secrets decrypt: missing required args for command secrets decrypt <file>' },
  { name: 'too many arguments', argv: ['doctor', 'extra'], message: 'doctor: Unused args: extra' },
];
for (const c of errors) {
  test(`parseCli error: ${c.name}`, () => {
    assert.throws(() => parseCli(c.argv, fakes), (err: unknown) => err instanceof UsageError && err.message === c.message && err.exitCode === 2);
  });
}

test('validateOptions names the flag and the problem', () => {
  const parsed = parseCli(['secrets', 'decrypt', 'f', '--output-type', 'xml'], fakes);
  assert.equal(parsed.kind, 'run');
  if (parsed.kind !== 'run') return;
  assert.throws(() => validateOptions(parsed.spec, parsed.options), (err: unknown) => err instanceof UsageError && /^secrets decrypt: --output-type: Invalid type: Expected \("yaml" \| "json"\) but received "xml"$/.test(err.message));
});

test('help, version, and a group word alone ask for help', () => {
  assert.equal(parseCli(['--help'], fakes).kind, 'help');
  assert.equal(parseCli([], fakes).kind, 'help');
  assert.equal(parseCli(['secrets'], fakes).kind, 'help');
  assert.equal(parseCli(['logs', '--help'], fakes).kind, 'help');
  assert.equal(parseCli(['--version'], fakes).kind, 'version');
});
