import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskSecret } from '../../../src/env/core/mask-secret';
import { Secret } from '../../../src/shared/core/secret';

test('maskSecret: equal values share a tag within a run; other runs and values differ; no plaintext', () => {
  const keyA = new Uint8Array(32).fill(1);
  const keyB = new Uint8Array(32).fill(2);
  const a1 = maskSecret(new Secret('hunter2'), keyA);
  assert.match(a1, /^\[secret [0-9a-f]{8}\]$/);
  assert.equal(maskSecret(new Secret('hunter2'), keyA), a1);
  assert.notEqual(maskSecret(new Secret('hunter3'), keyA), a1);
  assert.notEqual(maskSecret(new Secret('hunter2'), keyB), a1);
  assert.equal(a1.includes('hunter2'), false);
});
