// The plain tree compose-go works on (YAML decoded to maps, lists, scalars), dotted paths over it, and the one error that means "ask compose".
import { HarborError } from '../../../shared/core/errors';

export type ModelNode = null | string | number | boolean | ModelNode[] | ModelMap;
export interface ModelMap {
  [key: string]: ModelNode;
}

/**
 * Something the TypeScript model does not reproduce exactly (a field, a syntax, an error compose would report
 * in its own words). Callers fall back to `docker compose config`: never a silently different model.
 */
export class ComposeModelUnsupported extends HarborError {
  constructor(
    readonly reason: string,
    readonly where: string = '',
  ) {
    super(`compose model: ${where ? `${where}: ` : ''}${reason}`, { code: 'COMPOSE_MODEL_UNSUPPORTED' });
  }
}

export function unsupported(reason: string, where = ''): never {
  throw new ComposeModelUnsupported(reason, where);
}

export function isMap(node: unknown): node is ModelMap {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

/** Path patterns as compose-go's tree.Path: dotted segments, `*` matches any one segment. */
export function matches(path: readonly string[], pattern: readonly string[]): boolean {
  if (path.length !== pattern.length) return false;
  for (let i = 0; i < path.length; i++) if (pattern[i] !== '*' && pattern[i] !== path[i]) return false;
  return true;
}

export function pattern(dotted: string): string[] {
  return dotted.split('.');
}

export function deepClone<T extends ModelNode>(node: T): T {
  if (Array.isArray(node)) return node.map((e) => deepClone(e)) as T;
  if (isMap(node)) {
    const copy: ModelMap = {};
    for (const key of Object.keys(node)) copy[key] = deepClone(node[key]!);
    return copy as T;
  }
  return node;
}

/** Go's fmt.Sprint of a decoded YAML scalar (`%v`). */
export function goSprint(value: ModelNode, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return formatGoNumber(value, where);
  if (value === null) return '<nil>';
  return unsupported('a list or mapping where compose expects a scalar', where);
}

/** Integers print as themselves; floats as Go's %v (shortest repr, exponent past 1e21): we only accept the simple ones. */
export function formatGoNumber(value: number, where: string): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  const text = String(value);
  if (/^-?\d+\.\d+$/.test(text)) return text;
  return unsupported(`number ${text} (Go formats it differently)`, where);
}

// Which mappings of a rendered model are Go structs (printed in field order; zero values omitted by YAML's
// omitempty) rather than Go maps (printed with sorted keys): the YAML printer needs it, JSON does not show it.
const STRUCT = Symbol('compose-go struct');
const DROPPED_EXTENSIONS = Symbol('x-* keys JSON drops');

/** Marks `node` as a rendered struct (and whether it dropped `x-*` keys, which compose's YAML would print). */
export function markStruct<T extends ModelMap>(node: T, droppedExtensions = false): T {
  Object.defineProperty(node, STRUCT, { value: true, enumerable: false, configurable: true });
  if (droppedExtensions) Object.defineProperty(node, DROPPED_EXTENSIONS, { value: true, enumerable: false, configurable: true });
  return node;
}

export function isStruct(node: ModelMap): boolean {
  return (node as { [STRUCT]?: boolean })[STRUCT] === true;
}

export function droppedExtensions(node: ModelMap): boolean {
  return (node as { [DROPPED_EXTENSIONS]?: boolean })[DROPPED_EXTENSIONS] === true;
}
