// Merges a stack's harbor.yaml over the system one: maps merge deeply, lists and scalars from the override replace.

/**
 * The override wins key by key: two maps merge recursively; anything else (a list such as a stage's `steps`,
 * a scalar) replaces the base value as a whole; `null` in the override removes the key. Works on raw
 * (unvalidated) data so that validation can run on the result.
 * @example mergeDescriptors({ deploy: { steps: [a, b] }, project: 'x' }, { deploy: { steps: [c] } })
 * // { deploy: { steps: [c] }, project: 'x' }
 */
export function mergeDescriptors(base: unknown, override: unknown): unknown {
  if (!isPlainMap(base) || !isPlainMap(override)) return override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete merged[key];
    else merged[key] = key in base ? mergeDescriptors(base[key], value) : value;
  }
  return merged;
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
