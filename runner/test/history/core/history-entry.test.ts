import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import {
  REDACTED,
  nextHistoryNumber,
  parseEntryNumber,
  parseHistory,
  parseHistorySize,
  planHistoryAppend,
  redactArgv,
  renderHistory,
  renderHistoryLine,
  type HistoryEntry,
} from '../../../src/history/core/history-entry';

const entry = (n: number, argv: string[] = ['up'], more: Partial<HistoryEntry> = {}): HistoryEntry => ({
  n,
  time: '2026-01-02T03:04:05.678Z',
  argv,
  exit: 0,
  durationMs: 1234,
  cwd: '/home/u',
  ...more,
});

test('redactArgv', () => {
  const R = REDACTED;
  const cases: Array<{ name: string; input: string[]; expected: string[] }> = [
    { name: 'plain command', input: ['up', 'hello', '--open'], expected: ['up', 'hello', '--open'] },
    { name: 'env set value', input: ['env', 'set', 'PORT', '8080'], expected: ['env', 'set', 'PORT', R] },
    { name: 'env set value after --service', input: ['env', 'set', '--service', 'hello', 'GREETING', 'hi'], expected: ['env', 'set', '--service', 'hello', 'GREETING', R] },
    { name: 'env set without a value (stdin)', input: ['env', 'set', 'GREETING'], expected: ['env', 'set', 'GREETING'] },
    { name: 'env unset is kept', input: ['env', 'unset', 'GREETING'], expected: ['env', 'unset', 'GREETING'] },
    { name: 'secret-looking option value', input: ['tunnel', 'named', '--token', 'abc', 'x'], expected: ['tunnel', 'named', '--token', R, 'x'] },
    { name: 'secret-looking option=value', input: ['cmd', '--db-password=hunter2'], expected: ['cmd', `--db-password=${R}`] },
    { name: 'NAME=VALUE with a secret name', input: ['exec', 'app', 'env', 'HF_TOKEN=hf_x', 'PORT=1'], expected: ['exec', 'app', 'env', `HF_TOKEN=${R}`, 'PORT=1'] },
    { name: 'API key names', input: ['run', 'OPENAI_API_KEY=sk', '-e', 'client_secret=s'], expected: ['run', `OPENAI_API_KEY=${R}`, '-e', `client_secret=${R}`] },
    { name: 'secrets set carries no value', input: ['secrets', 'set', 'secrets.sops.env', 'HF_TOKEN'], expected: ['secrets', 'set', 'secrets.sops.env', 'HF_TOKEN'] },
    { name: 'a secret option last, without a value', input: ['x', '--token'], expected: ['x', '--token'] },
  ];
  for (const c of cases) assert.deepEqual(redactArgv(c.input), c.expected, c.name);
});

test('parseHistory skips torn and foreign lines', () => {
  const good = renderHistoryLine(entry(1));
  const cases: Array<{ name: string; text: string; expected: number[] }> = [
    { name: 'empty', text: '', expected: [] },
    { name: 'two entries', text: good + renderHistoryLine(entry(2)), expected: [1, 2] },
    { name: 'a torn last line', text: good + good.slice(0, 20), expected: [1] },
    { name: 'not an entry', text: '{"n":"x"}\n[1]\nnull\n' + good, expected: [1] },
    { name: 'blank lines', text: `\n\n${good}\n`, expected: [1] },
  ];
  for (const c of cases) assert.deepEqual(parseHistory(c.text).map((e) => e.n), c.expected, c.name);
});

test('an argv with a newline stays one line', () => {
  const line = renderHistoryLine(entry(1, ['cmd', 'a\nb']));
  assert.equal(line.split('\n').length, 2);
  assert.deepEqual(parseHistory(line)[0]!.argv, ['cmd', 'a\nb']);
});

test('planHistoryAppend trims to the size, keeping numbers', () => {
  const three = [entry(1), entry(2), entry(3)];
  const cases: Array<{ name: string; size: number; expected: number[] | undefined }> = [
    { name: 'room left: append', size: 5, expected: undefined },
    { name: 'exactly full after: append', size: 4, expected: undefined },
    { name: 'over: keep the last 3', size: 3, expected: [2, 3, 4] },
    { name: 'size 1', size: 1, expected: [4] },
  ];
  for (const c of cases) {
    const text = planHistoryAppend(three, entry(4), c.size);
    assert.deepEqual(text === undefined ? undefined : parseHistory(text).map((e) => e.n), c.expected, c.name);
  }
  assert.equal(nextHistoryNumber([]), 1);
  assert.equal(nextHistoryNumber([entry(41), entry(42)]), 43);
});

test('parseHistorySize and parseEntryNumber: values and exact errors', () => {
  assert.deepEqual(parseHistorySize(undefined), { size: 1000 });
  assert.deepEqual(parseHistorySize(''), { size: 1000 });
  assert.deepEqual(parseHistorySize('0'), { size: 0 });
  assert.deepEqual(parseHistorySize('50'), { size: 50 });
  assert.deepEqual(parseHistorySize('-1'), { error: 'HARBOR_HISTORY_SIZE="-1" is not a whole number from 0 to 9999999' });
  assert.deepEqual(parseHistorySize('lots'), { error: 'HARBOR_HISTORY_SIZE="lots" is not a whole number from 0 to 9999999' });
  assert.deepEqual(parseEntryNumber('7'), { n: 7 });
  assert.deepEqual(parseEntryNumber(undefined), { error: 'history run needs an entry number (see `harbor history`)' });
  for (const bad of ['0', '-3', 'x', '1.5', '07']) {
    assert.deepEqual(parseEntryNumber(bad), { error: `history: "${bad}" is not an entry number (a whole number from 1, as \`harbor history\` lists them)` }, bad);
  }
});

test('renderHistory: aligned, shell-quoted', () => {
  const text = renderHistory([entry(9, ['up', 'hello']), entry(10, ['cmd', 'hello', 'echo', "it's here"], { exit: 130, durationMs: 65_000 }), entry(11, ['ps'], { durationMs: 12 })]);
  assert.equal(
    text,
    [
      ' 9  2026-01-02 03:04:05Z  ok     1.2s  harbor up hello\n',
      "10  2026-01-02 03:04:05Z  130   1m05s  harbor cmd hello echo 'it'\\''s here'\n",
      '11  2026-01-02 03:04:05Z  ok     12ms  harbor ps\n',
    ].join(''),
  );
});
