// Finds lists where the schema wants a map: valibot's object and record schemas accept arrays as objects.
import type * as v from 'valibot';
import type { DescribedIssue } from './describe-issue';
import type { PathKey } from './yaml-source';

type AnySchema = v.GenericSchema & Record<string, unknown>;
const MAP_TYPES = new Set(['object', 'strict_object', 'loose_object', 'object_with_rest', 'record']);

/**
 * Walks the data along the schema; `[]` for `source:` would otherwise pass as an empty map.
 * @example findMisplacedLists(DescriptorSchema, { version: 1, source: [] })
 * // [{ path: ['source'], atKey: false, message: 'expected a map, got a list' }]
 */
export function findMisplacedLists(schema: v.GenericSchema, value: unknown, path: PathKey[] = []): DescribedIssue[] {
  const options = unwrap(schema as AnySchema);
  if (Array.isArray(value)) {
    if (options.length > 0 && options.every((s) => MAP_TYPES.has(s.type as string))) {
      return [{ path, atKey: false, message: 'expected a map, got a list' }];
    }
    const item = options.find((s) => s.type === 'array')?.item as AnySchema | undefined;
    return item ? value.flatMap((element, i) => findMisplacedLists(item, element, [...path, i])) : [];
  }
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const inner = options.map((s) => childSchema(s, key)).find((s) => s !== undefined);
    return inner ? findMisplacedLists(inner, child, [...path, key]) : [];
  });
}

function childSchema(schema: AnySchema, key: string): AnySchema | undefined {
  const entries = schema.entries as Record<string, AnySchema> | undefined;
  if (entries) return entries[key];
  return schema.type === 'record' ? (schema.value as AnySchema) : undefined;
}

function unwrap(schema: AnySchema): AnySchema[] {
  if (schema.wrapped) return unwrap(schema.wrapped as AnySchema);
  if (Array.isArray(schema.options) && (schema.type === 'union' || schema.type === 'variant')) {
    return (schema.options as AnySchema[]).flatMap(unwrap);
  }
  return [schema];
}
