import { deepStrictEqual, strictEqual, throws } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatFloat32, formatGoDuration, parseGoDuration, parseRamInBytes, splitShellWords } from '../../../../src/compose/model/core/go-values';
import { ComposeModelUnsupported } from '../../../../src/compose/model/core/model-tree';

describe('Go durations: parsed as str2duration, printed as time.Duration.String()', () => {
  const cases: Array<[string, string]> = [
    ['30s', '30s'], ['90s', '1m30s'], ['1m', '1m0s'], ['1h2m3.5s', '1h2m3.5s'], ['500ms', '500ms'], ['1.5us', '1.5µs'],
    ['0', '0s'], ['2h', '2h0m0s'], ['1d', '24h0m0s'], ['100ns', '100ns'], ['1m30.25s', '1m30.25s'],
  ];
  for (const [input, expected] of cases) it(`${input} → ${expected}`, () => strictEqual(formatGoDuration(parseGoDuration(input, 'x')), expected));
  for (const bad of ['10', 'abc', '1x', '']) it(`"${bad}" is left to compose`, () => throws(() => parseGoDuration(bad, 'x'), ComposeModelUnsupported));
});

describe('go-units RAMInBytes', () => {
  const cases: Array<[string, number]> = [['512m', 536870912], ['1gb', 1073741824], ['2GiB', 2147483648], ['100', 100], ['1.5k', 1536], ['64 M', 67108864]];
  for (const [input, expected] of cases) it(`${input} → ${expected}`, () => strictEqual(parseRamInBytes(input, 'x'), expected));
  it('a bad size is left to compose', () => throws(() => parseRamInBytes('lots', 'x'), ComposeModelUnsupported));
});

describe('float32 as Go prints it', () => {
  for (const [input, expected] of [[0.5, 0.5], [1.5, 1.5], [0.1, 0.1], [2, 2], [0.3333333333, 0.33333334]] as const) {
    it(`${input} → ${expected}`, () => strictEqual(formatFloat32(input), expected));
  }
});

describe('go-shellwords split of a string command', () => {
  const cases: Array<[string, string[]]> = [
    ['echo hi', ['echo', 'hi']],
    ['run "quoted arg" \'single q\' plain\\ escaped', ['run', 'quoted arg', 'single q', 'plain escaped']],
    ['  spaced   out  ', ['spaced', 'out']],
    ['a "" b', ['a', '', 'b']],
    ['', []],
    ['echo $HOME `date` $(date)', ['echo', '$HOME', '`date`', '$(date)']],
    ['sh -c "echo $HOME && ls"', ['sh', '-c', 'echo $HOME && ls']],
    ['a \\"b\\" c', ['a', '"b"', 'c']],
  ];
  for (const [input, expected] of cases) it(JSON.stringify(input), () => deepStrictEqual(splitShellWords(input, 'x'), expected));
  for (const bad of ['a && b', 'x ; y', 'a | b', 'a "open']) it(`${JSON.stringify(bad)} is left to compose`, () => throws(() => splitShellWords(bad, 'x'), ComposeModelUnsupported));
});
