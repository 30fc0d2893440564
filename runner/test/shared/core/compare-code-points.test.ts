import { deepStrictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareCodePoints } from '../../../src/shared/core/compare-code-points';

describe('compareCodePoints', () => {
  const cases = [
    { name: 'ASCII: upper case, digits and "-" before lower case', input: ['b', 'a', 'B', 'a-b', 'a1', 'ab'], expected: ['B', 'a', 'a-b', 'a1', 'ab', 'b'] },
    { name: 'a prefix sorts first', input: ['ab', 'a', ''], expected: ['', 'a', 'ab'] },
    { name: 'U+E000..U+FFFF before astral code points (UTF-16 order would swap them)', input: ['\u{1F600}', '\uFF21', '\uE000'], expected: ['\uE000', '\uFF21', '\u{1F600}'] },
    { name: 'astral code points among themselves', input: ['\u{1F601}', '\u{10000}', '\u{1F600}'], expected: ['\u{10000}', '\u{1F600}', '\u{1F601}'] },
    { name: 'equal strings', input: ['x', 'x'], expected: ['x', 'x'] },
  ];
  for (const c of cases) {
    it(c.name, () => deepStrictEqual([...c.input].sort(compareCodePoints), c.expected));
  }

  it('agrees with UTF-8 byte order on a mixed sample', () => {
    const sample = ['\u{1F600}a', '\uFFFFb', 'z', '\u00e9', 'E', '\u{10FFFF}', '\uD7FF', '-', '_'];
    const bytes = (s: string) => [...Buffer.from(s, 'utf8')];
    const byBytes = [...sample].sort((a, b) => {
      const x = bytes(a);
      const y = bytes(b);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
      return x.length - y.length;
    });
    deepStrictEqual([...sample].sort(compareCodePoints), byBytes);
  });
});
