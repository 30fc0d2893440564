// Prints a model exactly as `docker compose config --format json` does: 2-space indent, Go's HTML-safe escapes, `$` doubled.
import { compareCodePoints } from '../../../shared/core/compare-code-points';
import { isMap, isStruct, type ModelNode } from './model-tree';

/**
 * compose escapes every `$` of its output as `$$` (so the output reads back as the same model), and Go's
 * encoding/json writes `<`, `>`, `&`, U+2028 and U+2029 as \u escapes. A struct prints its fields in their
 * order; a map (anything not marked a struct: `environment`, `labels`, `x-*` values...) prints its keys sorted,
 * as encoding/json sorts them, which JSON.stringify cannot do for integer-like keys ("1", "10"): JavaScript lists
 * those first.
 * @example printComposeJson({ a: '$x<' }) // '{\n  "a": "$$x\\u003c"\n}'
 */
export function printComposeJson(model: unknown): string {
  return stringifyNode(model as ModelNode, '')
    .replaceAll('$', '$$$$')
    .replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function stringifyNode(node: ModelNode, indent: string): string {
  const inner = `${indent}  `;
  if (Array.isArray(node)) {
    if (node.length === 0) return '[]';
    return `[\n${node.map((item) => `${inner}${stringifyNode(item, inner)}`).join(',\n')}\n${indent}]`;
  }
  if (isMap(node)) {
    const keys = isStruct(node) ? Object.keys(node) : Object.keys(node).sort(compareCodePoints);
    if (keys.length === 0) return '{}';
    return `{\n${keys.map((key) => `${inner}${JSON.stringify(key)}: ${stringifyNode(node[key]!, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(node);
}
