// Every v1 0.5.5 command word (the fixture) is a v2 command, an alias of one, or answered with a one-line pointer (exit 2), through the real command list.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseCli } from '../../src/cli/cli';
import { ALL_COMMANDS } from '../../src/cli/all-commands';
import { V1_WORDS, type V1Alias } from '../../src/completion/core/v1-words';
import { EXIT, UsageError } from '../../src/shared/core/errors';
import { V1_COMMAND_WORDS } from '../../../tests/support/v1-command-words';

const TOP_WORDS = new Set(ALL_COMMANDS.map((c) => c.usage.split(' ')[0]!));
/** Words that name commands another branch of issue 15 adds (open, qr, history): a pointer until they exist. */
const PENDING = new Set(['open', 'o', 'qr', 'history', 'h']);

type Outcome = { kind: 'run'; usage: string } | { kind: 'help' } | { kind: 'version' } | { kind: 'error'; message: string; exitCode: number };

function outcome(argv: string[]): Outcome {
  try {
    const parsed = parseCli(argv, ALL_COMMANDS);
    return parsed.kind === 'run' ? { kind: 'run', usage: parsed.spec.usage } : { kind: parsed.kind };
  } catch (err) {
    assert.ok(err instanceof UsageError, `${argv.join(' ')}: ${String(err)}`);
    return { kind: 'error', message: err.message, exitCode: err.exitCode };
  }
}

const usageOf = (word: string) => ALL_COMMANDS.find((c) => c.usage.split(' ')[0] === word)?.usage;

for (const word of V1_COMMAND_WORDS) {
  test(`v1 \`${word}\`: accepted, or a one-line pointer`, () => {
    const got = outcome([word]);
    if (got.kind === 'error' && /was a Harbor v1 command/.test(got.message)) {
      assert.equal(got.message, `'${word}' was a Harbor v1 command; in v2 use ${pointerText(word)}`);
      assert.ok(!got.message.includes('\n'), 'one line');
      assert.equal(got.exitCode, EXIT.usage);
      assert.ok(!TOP_WORDS.has(word), `${word} is a v2 command: it must run, not point`);
      return;
    }
    assert.ok(!(got.kind === 'error' && /unknown command/.test(got.message)), `v1 \`${word}\` falls through: ${JSON.stringify(got)}`);
    const entry = V1_WORDS[word];
    if (TOP_WORDS.has(word)) {
      // A v2 command of the same name: it runs, prints its group's help, or asks for its arguments.
      if (got.kind === 'run') assert.equal(got.usage.split(' ')[0], word);
      else if (got.kind === 'error') assert.match(got.message, /missing required args|must be/);
      else assert.equal(got.kind, 'help');
      return;
    }
    assert.equal(entry?.kind, 'alias', `v1 \`${word}\` is neither a v2 command nor in V1_WORDS`);
    if (entry?.kind !== 'alias') return;
    const target = entry.to[0]!;
    if (target === '--help') assert.equal(got.kind, 'help');
    else if (target === '--version') assert.equal(got.kind, 'version');
    else if (got.kind === 'run') assert.equal(got.usage, usageOf(target));
    else assert.ok(got.kind === 'help' || (got.kind === 'error' && /missing required args/.test(got.message)), JSON.stringify(got));
  });
}

function pointerText(word: string): string {
  const entry = V1_WORDS[word]!;
  return entry.kind === 'pointer' ? entry.use : entry.otherwise;
}

test('V1_WORDS holds no word the fixture lacks (a typo would hide a real v1 word)', () => {
  const fixture = new Set(V1_COMMAND_WORDS);
  assert.deepEqual(Object.keys(V1_WORDS).filter((w) => !fixture.has(w)), []);
});

test('the pending words point somewhere now, and become commands when open, qr and history exist', () => {
  for (const word of PENDING) {
    const target = word.length === 1 ? (V1_WORDS[word] as V1Alias).to[0]! : word;
    // Once the command exists, the word reaches it: `<word> --help` is that command's help, not the v1 pointer.
    if (TOP_WORDS.has(target)) assert.deepEqual(outcome([word, '--help']), { kind: 'help' }, word);
    else assert.equal(outcome([word]).kind, 'error');
  }
});

// The words issue 15 names, each with what it does now.
const named: Array<{ argv: string[]; expected: Outcome }> = [
  { argv: ['help'], expected: { kind: 'help' } },
  { argv: ['help', 'up'], expected: { kind: 'help' } },
  { argv: ['version'], expected: { kind: 'version' } },
  { argv: ['list'], expected: { kind: 'run', usage: 'ls' } },
  { argv: ['start', 'hello'], expected: { kind: 'run', usage: 'up [...handles]' } },
  { argv: ['--debug', 's'], expected: { kind: 'run', usage: 'up [...handles]' } },
  { argv: ['log', 'hello'], expected: { kind: 'run', usage: 'logs [...handles]' } },
  { argv: ['l'], expected: { kind: 'run', usage: 'logs [...handles]' } },
  { argv: ['d'], expected: { kind: 'run', usage: 'down [...handles]' } },
  { argv: ['eject'], expected: { kind: 'run', usage: 'config [...handles]' } },
  { argv: ['info'], expected: { kind: 'run', usage: 'doctor' } },
  { argv: ['t', 'hello'], expected: { kind: 'run', usage: 'tunnel <service>' } },
  { argv: ['completion', 'bash'], expected: { kind: 'run', usage: 'completion [shell]' } },
  {
    argv: ['attach', 'hello'],
    expected: { kind: 'error', exitCode: 2, message: "'attach' was a Harbor v1 command; in v2 use harbor logs <service> to follow its output, harbor shell <service> for a shell, or $(./harbor.sh cmd) attach <service>" },
  },
  {
    argv: ['volumes'],
    expected: { kind: 'error', exitCode: 2, message: "'volumes' was a Harbor v1 command; in v2 use harbor size (each volume's disk use), harbor down --volumes (remove them), or docker volume ls" },
  },
  {
    argv: ['ollama', 'models'],
    expected: {
      kind: 'error', exitCode: 2,
      message: "'ollama' was a Harbor v1 command; in v2 use harbor svc ollama <command> (harbor svc ollama --help lists its commands), harbor run ollama [args] for its CLI, or harbor env set --service ollama NAME VALUE for a setting",
    },
  },
  { argv: ['pdx'], expected: { kind: 'error', exitCode: 2, message: "'pdx' was a Harbor v1 command; in v2 use harbor svc plandex <command> (harbor svc plandex --help lists its commands), harbor run plandex [args] for its CLI, or harbor env set --service plandex NAME VALUE for a setting" } },
  // v1's word order still routes before any pointer: `harbor webui logs` is `harbor logs webui`.
  { argv: ['webui', 'logs'], expected: { kind: 'run', usage: 'logs [...handles]' } },
  { argv: ['stats'], expected: { kind: 'error', exitCode: 2, message: "'stats' was a Harbor v1 command; in v2 use $(./harbor.sh cmd) stats" } },
  // Not a v1 word: the usual error.
  { argv: ['upp'], expected: { kind: 'error', exitCode: 2, message: 'unknown command "upp" (did you mean up?)' } },
];

for (const c of named) {
  test(`v1 words: harbor ${c.argv.join(' ')}`, () => assert.deepEqual(outcome(c.argv), c.expected));
}
