// Orders strings by Unicode code point, the order of the C locale (and of UTF-8 bytes), whatever the user's locale.

/**
 * `Array.prototype.sort`'s default compares UTF-16 code units, which puts U+10000 and above (surrogate
 * pairs, D800–DFFF) before U+E000–U+FFFF. Lifting surrogates above that range restores code-point order.
 * @example ['b', 'B', 'a-b', 'ab'].sort(compareCodePoints) // ['B', 'a-b', 'ab', 'b']
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return lift(x) - lift(y);
  }
  return a.length - b.length;
}

function lift(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}
