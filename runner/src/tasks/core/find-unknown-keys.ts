// Lists the keys of a parsed task.toml that the schema does not know: the framework ignores them, Harbor warns.
import type { GenericSchema } from 'valibot';

type Path = (string | number)[];

interface SchemaNode {
  type: string;
  entries?: Record<string, SchemaNode>;
  wrapped?: SchemaNode;
  options?: SchemaNode[];
  item?: SchemaNode;
}

/**
 * Every path in `value` whose last key no table of the schema declares. Free-form tables (records:
 * metadata, env) are not looked into.
 * @example findUnknownKeys({ verifier: { timeout: 1 } }, TaskTomlSchema) // [['verifier', 'timeout']]
 */
export function findUnknownKeys(value: unknown, schema: GenericSchema): Path[] {
  const out: Path[] = [];
  walk(value, schema as unknown as SchemaNode, [], out);
  return out;
}

function walk(value: unknown, schema: SchemaNode, path: Path, out: Path[]): void {
  const node = unwrap(schema);
  if (node.type === 'union') {
    // Use the first object alternative for tables, the first array alternative for arrays.
    const fit = node.options!.map(unwrap).find((o) => (Array.isArray(value) ? o.type === 'array' : isTable(value) && o.entries !== undefined));
    if (fit) walk(value, fit, path, out);
    return;
  }
  if (node.type === 'array' && Array.isArray(value)) {
    value.forEach((item, i) => walk(item, node.item!, [...path, i], out));
    return;
  }
  if (node.entries && isTable(value)) {
    for (const [key, child] of Object.entries(value)) {
      const entry = node.entries[key];
      if (entry === undefined) out.push([...path, key]);
      else walk(child, entry, [...path, key], out);
    }
  }
}

function unwrap(schema: SchemaNode): SchemaNode {
  let node = schema;
  while (node.wrapped) node = node.wrapped;
  return node;
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
