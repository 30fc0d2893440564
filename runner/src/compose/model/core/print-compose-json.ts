// Prints a model exactly as `docker compose config --format json` does: 2-space indent, Go's HTML-safe escapes, `$` doubled.

/**
 * compose escapes every `$` of its output as `$$` (so the output reads back as the same model), and Go's
 * encoding/json writes `<`, `>`, `&`, U+2028 and U+2029 as \u escapes.
 * @example printComposeJson({ a: '$x<' }) // '{\n  "a": "$$x\\u003c"\n}'
 */
export function printComposeJson(model: unknown): string {
  return JSON.stringify(model, null, 2)
    .replaceAll('$', '$$$$')
    .replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
