import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDotenv } from '../../../src/env/core/parse-dotenv';
import { renderDotenv } from '../../../src/env/core/render-dotenv';

test('renderDotenv: the chosen quoting', () => {
  const cases = [
    { value: 'plain/path:1', expected: 'K=plain/path:1\n' },
    { value: '', expected: "K=''\n" },
    { value: 'has space $HOME #x', expected: "K='has space $HOME #x'\n" },
    { value: "it's $5\n\"q\" \\", expected: 'K="it\'s $$5\\n\\"q\\" \\\\"\n' },
    { value: 'ends with \\', expected: 'K="ends with \\\\"\n' },
  ];
  for (const c of cases) assert.equal(renderDotenv([['K', c.value]]), c.expected, JSON.stringify(c.value));
});

test('renderDotenv: parseDotenv (Compose\'s reading) gives every value back', () => {
  const alphabet = ['a', 'Z', '0', ' ', '\t', '\n', '\r', '$', '{', '}', '#', "'", '"', '\\', '=', ':', 'é', '😀', '\u00a0', 'n', '0', '-'];
  // A fixed pseudo-random sequence: the same strings every run.
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const values = Array.from({ length: 500 }, () => Array.from({ length: Math.floor(next() * 12) }, () => alphabet[Math.floor(next() * alphabet.length)]!).join(''));
  const entries = values.map((value, i) => [`K${i}`, value] as const);
  const parsed = parseDotenv(renderDotenv(entries), { file: 'rendered.env' });
  assert.deepStrictEqual(parsed.entries.map((e) => [e.key, e.value]), entries.map(([k, v]) => [k, v]));
});
