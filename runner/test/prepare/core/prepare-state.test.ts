import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { buildPrepareState, hashComposeFiles, parsePrepareState, renderPrepareState } from '../../../src/prepare/core/prepare-state';

const key = new Uint8Array(32).fill(7);
const hmac = (text: string) => createHmac('sha256', key).update(text).digest('hex');
const compose = { files: ['etc/stacks/compose.yml', 'etc/stacks/compose.web.yml'], contents: ['networks: {}\n', 'services: {}\n'] };

test('buildPrepareState: names sorted, each value keyed-hashed with its name, never the value', () => {
  const state = buildPrepareState(compose, { TOKEN: 'hunter2', A: 'x' }, key);
  assert.deepStrictEqual(state, {
    files: compose.files,
    composeSha256: hashComposeFiles(compose.files, compose.contents),
    env: { A: hmac('A\0x'), TOKEN: hmac('TOKEN\0hunter2') },
  });
  assert.equal(renderPrepareState(state).includes('hunter2'), false);
});

test('hashComposeFiles: content, order and paths all count', () => {
  const base = hashComposeFiles(compose.files, compose.contents);
  const variants = [
    hashComposeFiles(compose.files, ['networks: {}\n', 'services: { web: {} }\n']),
    hashComposeFiles([...compose.files].reverse(), [...compose.contents].reverse()),
    hashComposeFiles(['etc/stacks/compose.yml', 'etc/stacks/compose.api.yml'], compose.contents),
    hashComposeFiles(['etc/stacks/compose.yml'], ['networks: {}\n']),
  ];
  assert.deepStrictEqual(variants.map((h) => h === base), [false, false, false, false]);
  assert.equal(hashComposeFiles(compose.files, compose.contents), base);
});

test('renderPrepareState and parsePrepareState round-trip', () => {
  const state = buildPrepareState(compose, { A: '1' }, key);
  assert.deepStrictEqual(parsePrepareState(renderPrepareState(state)), state);
});

const unreadable: Array<[string, string]> = [
  ['not JSON', '{'],
  ['another version', JSON.stringify({ version: 2, files: [], composeSha256: 'a'.repeat(64), env: {} })],
  ['a value where a hash belongs', JSON.stringify({ version: 1, files: [], composeSha256: 'a'.repeat(64), env: { A: 'plain' } })],
  ['an unknown key', JSON.stringify({ version: 1, files: [], composeSha256: 'a'.repeat(64), env: {}, values: {} })],
];
for (const [name, text] of unreadable) {
  test(`parsePrepareState: ${name} is no state`, () => {
    assert.equal(parsePrepareState(text), undefined);
  });
}
