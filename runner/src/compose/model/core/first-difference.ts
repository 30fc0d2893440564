// Names the first field where two compose models differ, for `harbor config --compare` and the differential tests.

/**
 * The path of the first differing field, `services.app.ports[1].published: compose="8080" harbor="80"`, or
 * undefined when the models are equal. JSON is compared as data: object key order does not count.
 * @example firstModelDifference({ a: [1, 2] }, { a: [1, 3] }) // 'a[1]: compose=2 harbor=3'
 */
export function firstModelDifference(compose: unknown, harbor: unknown, path = ''): string | undefined {
  if (compose === harbor) return undefined;
  const bothObjects = typeof compose === 'object' && typeof harbor === 'object' && compose !== null && harbor !== null;
  if (!bothObjects || Array.isArray(compose) !== Array.isArray(harbor)) {
    return `${path || '.'}: compose=${JSON.stringify(compose) ?? 'absent'} harbor=${JSON.stringify(harbor) ?? 'absent'}`;
  }
  if (Array.isArray(compose) && Array.isArray(harbor)) {
    for (let i = 0; i < Math.max(compose.length, harbor.length); i++) {
      const d = firstModelDifference(compose[i], harbor[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  const a = compose as Record<string, unknown>;
  const b = harbor as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstModelDifference(a[key], b[key], path ? `${path}.${key}` : key);
    if (d) return d;
  }
  return undefined;
}
