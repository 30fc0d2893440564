import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAllowedHost } from '../../../src/tasks/core/check-allowed-host';
import { locateTomlKey } from '../../../src/tasks/core/locate-toml-key';
import { matchGlob } from '../../../src/tasks/core/match-glob';
import { parseReward } from '../../../src/tasks/core/parse-reward';
import { parseSizeMb } from '../../../src/tasks/core/parse-size';
import { resolveEnvTemplates } from '../../../src/tasks/core/resolve-env-templates';
import { meetsMinReward, mergeStepRewards } from '../../../src/tasks/core/step-rewards';
import { buildProjectName, buildShortId, buildTrialName } from '../../../src/tasks/core/trial-names';
import { formatPyFloat, formatTimestamp } from '../../../src/tasks/core/trial-result';

describe('parseSizeMb', () => {
  const cases: Array<[string, number | undefined]> = [['2G', 2048], ['512M', 512], ['1024K', 1], ['2g', 2048], ['1.5G', 1536], ['2 GB', undefined], ['2', undefined], ['2T', undefined], ['', undefined]];
  for (const [input, expected] of cases) it(JSON.stringify(input), () => strictEqual(parseSizeMb(input), expected));
});

describe('parseReward: reward.json first, then reward.txt', () => {
  const dir = 'v';
  const cases: Array<{ name: string; json?: string; txt?: string; expected: unknown }> = [
    { name: 'reward.txt with a newline', txt: '1\n', expected: { rewards: { reward: 1 } } },
    { name: 'reward.txt with spaces and a fraction', txt: '  0.75 ', expected: { rewards: { reward: 0.75 } } },
    { name: 'reward.txt in exponent form', txt: '5e-1', expected: { rewards: { reward: 0.5 } } },
    { name: 'reward.json wins over reward.txt', json: '{"reward": 0.25, "accuracy": 1}', txt: '1', expected: { rewards: { reward: 0.25, accuracy: 1 } } },
    { name: 'no file', expected: { error: { type: 'RewardFileNotFoundError', message: 'No reward file found at v/reward.json or v/reward.txt' } } },
    { name: 'an empty reward.txt', txt: '', expected: { error: { type: 'RewardFileEmptyError', message: 'Reward file is empty at v/reward.txt' } } },
    { name: 'an empty reward.json (even beside a good reward.txt)', json: '', txt: '1', expected: { error: { type: 'RewardFileEmptyError', message: 'Reward file is empty at v/reward.json' } } },
    { name: 'reward.txt that is not a number', txt: 'pass', expected: { error: { type: 'VerifierOutputParseError', message: 'Failed to parse rewards from text file v/reward.txt: "pass" is not a number' } } },
    { name: 'reward.txt in hex (Python float rejects it)', txt: '0x1', expected: { error: { type: 'VerifierOutputParseError', message: 'Failed to parse rewards from text file v/reward.txt: "0x1" is not a number' } } },
    { name: 'reward.json with a details string', json: '{"reward": 1, "details": "ok"}', expected: { error: { type: 'VerifierOutputParseError', message: 'Failed to parse rewards from JSON file v/reward.json: values must be numbers, not details="ok" (put details in another file, e.g. verifier/evaluation.json)' } } },
    { name: 'reward.json that is a list', json: '[1]', expected: { error: { type: 'VerifierOutputParseError', message: 'Failed to parse rewards from JSON file v/reward.json: expected an object of numbers such as {"reward": 1.0}' } } },
  ];
  for (const c of cases) it(c.name, () => deepStrictEqual(parseReward({ json: c.json, txt: c.txt, dir }), c.expected));
  it('malformed reward.json is a parse error', () => strictEqual((parseReward({ json: '{', txt: undefined, dir }) as { error: { type: string } }).error.type, 'VerifierOutputParseError'));
});

describe('locateTomlKey', () => {
  const text = '# c\nversion = "1.0"\n[environment]\nmemory = "2G"\n"quoted.key" = 1\nenv = { A = "1" }\nlist = [\n  "a",\n]\nafter = 1\n[[steps]]\nname = "a"\n[[steps]]\nname = "b"\n[steps.agent]\nuser = "u"\ntext = """\n[not.a.table]\n"""\nlast = 2\n';
  const cases: Array<[(string | number)[], number]> = [
    [['version'], 2], [['environment'], 3], [['environment', 'memory'], 4], [['environment', 'quoted.key'], 5], [['environment', 'env', 'A'], 6],
    [['environment', 'after'], 10], [['steps', 0, 'name'], 12], [['steps', 1, 'name'], 14], [['steps', 1, 'agent', 'user'], 16], [['steps', 1, 'agent', 'last'], 20],
    [['environment', 'missing'], 3], [['nothing'], 1],
  ];
  for (const [path, line] of cases) it(path.join('.'), () => strictEqual(locateTomlKey(text, path), line));
});

describe('checkAllowedHost', () => {
  const cases: Array<[string, string | undefined]> = [
    ['example.com', undefined], ['*.example.com', undefined], ['Example.COM.', undefined], ['10.0.0.1', undefined], ['10.0.0.0/8', undefined], ['::1', undefined], ['fd00::/8', undefined],
    ['example.com:443', '"example.com:443": ports are not allowed (write the host only)'],
    ['example.com/path', '"example.com/path" is neither a host nor a CIDR (paths are not allowed)'],
    ['10.0.0.0/33', '"10.0.0.0/33" is neither a host nor a CIDR (paths are not allowed)'],
    ['under_score.com', '"under_score.com" is not a hostname (letters, digits, "-" and ".", or "*.suffix")'],
  ];
  for (const [input, expected] of cases) it(input, () => strictEqual(checkAllowedHost(input), expected));
});

describe('matchGlob (fnmatch)', () => {
  const cases: Array<[string, string, boolean]> = [['hello-world', 'hello*', true], ['acme/hello', '*hello', true], ['acme/hello', 'acme/?ello', true], ['task1', 'task[0-9]', true], ['taskx', 'task[!x]', false], ['a.b', 'a?b', true], ['ab', 'a.b', false], ['hello', 'HELLO', false]];
  for (const [name, glob, expected] of cases) it(`${glob} ~ ${name}`, () => strictEqual(matchGlob(name, glob), expected));
});

describe('resolveEnvTemplates', () => {
  it('resolves ${VAR} and ${VAR:-default}; an unset VAR without default is an issue', () => {
    deepStrictEqual(resolveEnvTemplates({ A: '${X}', B: 'x-${Y:-d}-y', C: '${Z}', D: 'plain' }, { X: '1' }, ['verifier', 'env']), {
      env: { A: '1', B: 'x-d-y', C: '', D: 'plain' },
      issues: [{ path: ['verifier', 'env', 'C'], message: '${Z} is not set in Harbor\'s environment (give it a default: ${Z:-value})' }],
    });
  });
});

describe('step rewards', () => {
  it('min_reward: a number gates reward, a table each key; missing = -inf', () => {
    deepStrictEqual([meetsMinReward({ reward: 1 }, 1), meetsMinReward({ reward: 0.4 }, 0.5), meetsMinReward({ reward: 1 }, { acc: 0 }), meetsMinReward(null, 0), meetsMinReward(null, undefined)], [true, false, false, false, true]);
  });
  it('mean over steps with a result (missing keys count 0); final = the last step as is', () => {
    deepStrictEqual(mergeStepRewards([{ reward: 1, acc: 1 }, null, { reward: 0 }], 'mean'), { reward: 0.5, acc: 0.5 });
    deepStrictEqual(mergeStepRewards([{ reward: 1 }, null], 'final'), null);
    deepStrictEqual(mergeStepRewards([null], 'mean'), null);
  });
});

describe('names and formats', () => {
  it('trial, project and id', () => {
    strictEqual(buildTrialName('a-very-long-task-name-that-goes-on-and-on', 'AbC2345'), 'a-very-long-task-name-that-goes__AbC2345');
    strictEqual(buildTrialName('name_', 'x'), 'name__x');
    strictEqual(buildProjectName('Hello.W__AbC'), 'hb-hello-w__abc');
    strictEqual(buildShortId(new Uint8Array([0, 1, 56, 57, 255, 3, 4, 9])), '23z2V56');
  });
  it('Python float strings and naive ISO timestamps', () => {
    deepStrictEqual([1, 0, 0.75, -2].map(formatPyFloat), ['1.0', '0.0', '0.75', '-2.0']);
    strictEqual(formatTimestamp(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678))), '2026-01-02T03:04:05.678000');
  });
});
