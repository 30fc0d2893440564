import { strictEqual } from 'node:assert/strict';
import { test } from 'node:test';
import { renderQr } from '../../../src/shared/core/render-qr';
import { decodeTerminalQr } from '../../support/decode-terminal-qr';

test('renderQr: the printed code decodes back to the URL', () => {
  const url = 'https://gentle-river-example-words.trycloudflare.com';
  strictEqual(decodeTerminalQr(renderQr(url)), url);
});
