import { deepStrictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeText } from '../../../src/templates/core/detect-binary';

describe('decodeText', () => {
  const big = new Uint8Array(9000).fill(0x61);
  big[8500] = 0;
  const cases: Array<{ name: string; bytes: Uint8Array; expected: string | undefined }> = [
    { name: 'ASCII', bytes: new TextEncoder().encode('a {{ b }}\n'), expected: 'a {{ b }}\n' },
    { name: 'UTF-8 with a BOM (kept)', bytes: new Uint8Array([0xef, 0xbb, 0xbf, 0xc3, 0xa9]), expected: '\ufeffé' },
    { name: 'a NUL byte early: binary', bytes: new Uint8Array([0x7b, 0x7b, 0x00, 0x7d, 0x7d]), expected: undefined },
    { name: 'invalid UTF-8 (a lone 0xff): binary', bytes: new Uint8Array([0x7b, 0x7b, 0xff]), expected: undefined },
    { name: 'a truncated sequence: binary', bytes: new Uint8Array([0x61, 0xc3]), expected: undefined },
    { name: 'a NUL after 8 KB only: still text (git rule)', bytes: big, expected: `${'a'.repeat(8500)}\0${'a'.repeat(499)}` },
  ];
  for (const c of cases) it(c.name, () => deepStrictEqual(decodeText(c.bytes), c.expected));
});
