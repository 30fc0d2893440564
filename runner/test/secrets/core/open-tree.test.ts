// Opening a tree: leaves visited in file order with their paths, ENC values split as sops does, IVs kept for re-encryption.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { ivCacheKey } from '../../../src/secrets/core/iv-cache';
import { openTree } from '../../../src/secrets/core/open-tree';
import type { SopsBranches, SopsMap } from '../../../src/secrets/core/sops-tree';
import { openValue, sealValue } from '../../../src/secrets/core/value-cipher';
import { mapLeaves } from '../../../src/secrets/core/walk-leaves';

const key = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const iv = (n: number) => Uint8Array.from({ length: 32 }, () => n);

test('mapLeaves: paths, human paths and active comments per leaf, in file order', () => {
  const branches: SopsBranches = [{
    type: 'map',
    items: [
      { type: 'comment', value: ' top' },
      { type: 'entry', key: 'db', value: { type: 'map', items: [{ type: 'entry', key: 'pw', value: { type: 'str', value: 'x' } }] } },
      { type: 'entry', key: 'hosts', value: { type: 'list', items: [{ type: 'str', value: 'a' }, { type: 'comment', value: ' c' }, { type: 'map', items: [{ type: 'entry', key: 'k', value: { type: 'int', value: '1' } }] }, { type: 'null' }] } },
      { type: 'entry', key: '', value: { type: 'map', items: [{ type: 'entry', key: 'e', value: { type: 'bool', value: true } }] } },
    ],
  }];
  const seen: unknown[] = [];
  const out = mapLeaves(branches, (leaf, ctx) => {
    seen.push([leaf.type, [...ctx.path], ctx.where, ctx.comments.map((level) => [...level])]);
    return leaf;
  });
  assert.deepStrictEqual(seen, [
    ['comment', [], '', [[' top']]],
    ['str', ['db', 'pw'], 'db.pw', [[' top'], []]],
    ['str', ['hosts'], 'hosts[0]', [[], []]],
    ['comment', ['hosts'], 'hosts', [[], [' c']]],
    ['int', ['hosts', 'k'], 'hosts[1].k', [[], [' c'], []]],
    ['bool', ['', 'e'], 'e', [[], []]],
  ]);
  assert.deepStrictEqual(out, branches);
  assert.notEqual(out[0], branches[0]);
});

test('openValue splits written and hand-edited ENC values the way sops\'s regexp does', () => {
  const sealed = sealValue({ type: 'str', value: 'hunter2' }, key, 'a:', iv(7), 'utf8');
  const cases = [
    { name: 'as written', enc: sealed },
    { name: 'text after the closing bracket', enc: `${sealed} trailing` },
    { name: 'line break inside the data', enc: sealed.replace('data:', 'data:\n') },
  ];
  for (const c of cases) {
    const opened = openValue(c.enc, key, 'a:', 'utf8');
    assert.deepStrictEqual([opened.value, [...opened.iv]], [{ type: 'str', value: 'hunter2' }, [...iv(7)]], c.name);
  }
  assert.throws(() => openValue(sealed.replace('AES256_GCM', 'AES128_GCM'), key, 'a:', 'utf8'), /not in the sops ENC\[AES256_GCM,…\] format/);
});

test('openTree: values, MAC, and the IVs of decrypted values on first lookup', () => {
  const enc = (value: string, aad: string, n: number) => ({ type: 'str' as const, value: sealValue({ type: 'str', value }, key, aad, iv(n), 'utf8') });
  const tree: SopsMap = {
    type: 'map',
    items: [
      { type: 'entry', key: 'a', value: enc('one', 'a:', 1) },
      { type: 'entry', key: 'l', value: { type: 'list', items: [enc('two', 'l:', 2), { type: 'str', value: '' }] } },
    ],
  };
  const opened = openTree([tree], key, { rule: { name: 'unencrypted_suffix', value: '_unencrypted' }, macOnlyEncrypted: false, encoding: 'utf8', file: 'f' });
  assert.deepStrictEqual(opened.branches, [{
    type: 'map',
    items: [
      { type: 'entry', key: 'a', value: { type: 'str', value: 'one' } },
      { type: 'entry', key: 'l', value: { type: 'list', items: [{ type: 'str', value: 'two' }, { type: 'str', value: '' }] } },
    ],
  }]);
  assert.match(opened.mac, /^[0-9A-F]{128}$/);
  const lookups = [
    ['a:', 'one'], ['l:', 'two'], ['a:', 'two'], ['l:', ''],
  ].map(([aad, text]) => opened.ivs.get(ivCacheKey(aad!, 'str', Buffer.from(text!)))?.[0]);
  assert.deepStrictEqual(lookups, [1, 2, undefined, undefined]);
});

test('openTree: a string that is not valid UTF-8 is hashed into the MAC as its bytes, as sops hashes []byte(s)', () => {
  // Sealed with latin1 so that the plaintext is the raw bytes 0x66 0xff (written by another sops tool).
  const raw = Buffer.from([0x66, 0xff]);
  const tree: SopsMap = { type: 'map', items: [{ type: 'entry', key: 'k', value: { type: 'str', value: sealValue({ type: 'str', value: raw.toString('latin1') }, key, 'k:', iv(3), 'latin1') } }] };
  const opened = openTree([tree], key, { rule: { name: 'unencrypted_suffix', value: '_unencrypted' }, macOnlyEncrypted: false, encoding: 'utf8', file: 'f' });
  assert.equal(opened.mac, createHash('sha512').update(raw).digest('hex').toUpperCase());
  assert.notEqual(opened.mac, createHash('sha512').update('f\uFFFD').digest('hex').toUpperCase());
});
