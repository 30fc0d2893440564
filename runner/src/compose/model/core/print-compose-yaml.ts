// Prints a model exactly as `docker compose config` does in YAML (compose-go's Project through yaml.v3), or declines.
import { compareCodePoints } from '../../../shared/core/compare-code-points';
import { droppedExtensions, isMap, isStruct, unsupported, type ModelMap, type ModelNode } from './model-tree';
import { compareYamlKeys, yamlString } from './yaml-scalar';

// compose-go's struct values (not pointers): yaml.v3's omitempty drops them when zero; encoding/json prints `{}`.
const STRUCT_VALUES = new Set(['ipam', 'resources', 'placement']);
const PROJECT_FIELDS = ['name', 'services', 'networks', 'volumes', 'secrets', 'configs'];
const ARRAY_INDEX = /^(0|[1-9][0-9]{0,8})$/;

/**
 * The YAML `docker compose config` prints for a model built by buildComposeModel (the JSON model, with its structs
 * marked): the Project struct's field order, maps sorted as yaml.v3 sorts them, empty fields dropped by yaml's
 * omitempty where JSON keeps them (`command: null`, `ipam: {}`), 2-space indent, every `$` doubled. Throws
 * ComposeModelUnsupported for what it does not reproduce (text with line breaks or non-ASCII characters, a struct
 * that held `x-*` keys, large or tiny numbers): the caller asks compose then.
 * @example printComposeYaml(buildComposeModel(input)) // 'name: demo\nservices:\n  app:\n ...'
 */
export function printComposeYaml(model: ModelMap): string {
  const root: Array<[string, ModelNode]> = [];
  for (const key of PROJECT_FIELDS) if (key in model && (key === 'services' || !isEmpty(model[key]!))) root.push([key, model[key]!]);
  for (const key of Object.keys(model).filter((k) => k.startsWith('x-')).sort(compareYamlKeys)) root.push([key, model[key]!]);
  for (const key of Object.keys(model)) if (!PROJECT_FIELDS.includes(key) && !key.startsWith('x-')) unsupported(`the top-level key "${key}"`);
  const lines: string[] = [];
  writeEntries(lines, root, 0, '', false);
  return `${lines.join('\n')}\n`.replaceAll('$', '$$$$');
}

function isEmpty(node: ModelNode): boolean {
  return node === null || (Array.isArray(node) && node.length === 0) || (isMap(node) && Object.keys(node).length === 0);
}

/** A mapping's entries in yaml.v3's order: a struct's fields as they are (declaration order), a map's keys sorted. */
function entriesOf(node: ModelMap, where: string, free: boolean): Array<[string, ModelNode]> {
  if (!free && isStruct(node)) {
    if (droppedExtensions(node)) unsupported('x-* keys inside a compose object (compose prints them in YAML only)', where);
    // yaml.v3's omitempty: nil pointers go (encoding/json prints `command: null`); so do the zero struct values it
    // prints as {}. An empty command stays `[]` (ShellCommand's IsZero is "nil", not "empty").
    return Object.entries(node).filter(([key, value]) => !(value === null || (STRUCT_VALUES.has(key) && isMap(value) && Object.keys(value).length === 0)));
  }
  const keys = Object.keys(node);
  // A Go map prints sorted; a mapping whose keys are not in encoding/json's (byte) order is a struct nobody marked.
  // (An `x-*` value is free YAML, kept in its file's order: maps all the way down.)
  // JavaScript lists integer-like keys ("1", "10") first whatever their order: they are left out of that check.
  const named = keys.filter((key) => !ARRAY_INDEX.test(key));
  if (!free) for (let i = 1; i < named.length; i++) if (compareCodePoints(named[i - 1]!, named[i]!) > 0) unsupported('a mapping of unknown kind', where);
  return keys.sort(compareYamlKeys).map((key) => [key, node[key]!]);
}

function writeEntries(lines: string[], entries: Array<[string, ModelNode]>, indent: number, where: string, free: boolean, firstPrefix?: string): void {
  const pad = ' '.repeat(indent);
  entries.forEach(([key, value], index) => {
    if (key.length > 128) unsupported('a key longer than 128 characters', where);
    const path = where ? `${where}.${key}` : key;
    const head = `${index === 0 && firstPrefix !== undefined ? firstPrefix : pad}${yamlString(key, path)}:`;
    writeValue(lines, head, value, indent + 2, path, free || (where === '' && key.startsWith('x-')));
  });
}

/** `head` is the text before the value on its line (`key:` or `- `); nested blocks go below at `indent`. */
function writeValue(lines: string[], head: string, value: ModelNode, indent: number, where: string, free: boolean): void {
  // After a list dash a value starts on the same line; after `key:` a scalar follows a space, a block a new line.
  const afterDash = head.endsWith('- ');
  const sep = afterDash ? '' : ' ';
  if (Array.isArray(value)) {
    if (value.length === 0) return void lines.push(`${head}${sep}[]`);
    if (!afterDash) lines.push(head);
    const pad = ' '.repeat(indent);
    value.forEach((item, i) => {
      // The first item of a list that is itself a list item starts on the parent's line (`- - a`).
      const itemHead = i === 0 && afterDash ? `${head}- ` : `${pad}- `;
      writeValue(lines, itemHead, item, indent + 2, `${where}[${i}]`, free);
    });
    return;
  }
  if (isMap(value)) {
    const entries = entriesOf(value, where, free);
    if (entries.length === 0) return void lines.push(`${head}${sep}{}`);
    if (afterDash) return writeEntries(lines, entries, indent, where, free, head);
    lines.push(head);
    return writeEntries(lines, entries, indent, where, free);
  }
  lines.push(`${head}${sep}${scalar(value, where)}`);
}

function scalar(value: ModelNode, where: string): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    // Integers print alike; a float (cpus) prints with Go's %g, which uses an exponent from 1e21 in JSON but
    // from 1e6 or under 1e-4 in YAML: only the range where both agree is reproduced.
    if (!Number.isFinite(value) || Math.abs(value) >= 1e6 || (value !== 0 && Math.abs(value) < 1e-4)) return unsupported(`the number ${value}`, where);
    return String(value);
  }
  if (typeof value === 'string') return yamlString(value, where);
  return unsupported('a value of unknown kind', where);
}
