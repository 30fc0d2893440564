// Turns a valibot issue into a path and a message a user can act on (unknown keys get the closest known key).
import type * as v from 'valibot';
import { nearestNames } from './suggest-names';
import type { PathKey } from './yaml-source';

export interface DescribedIssue {
  path: PathKey[];
  /** The problem is the key itself (unknown or badly named), not its value. */
  atKey: boolean;
  message: string;
  /** For an unknown key: the known keys it is close to (a "required" issue for one of them is then noise). */
  suggested?: string[];
}

type AnyIssue = v.BaseIssue<unknown>;
type AnySchema = v.GenericSchema & Record<string, unknown>;

export interface DescribeOptions {
  /** Keys also accepted at the top level (a step's own keys next to an action's params). */
  extraKeys?: readonly string[];
  /** Who owns the keys, for messages: 'log.info' gives 'unknown key "x" for log.info'. */
  owner?: string;
}

/**
 * @example describeIssue(schema, issueForUnknownKey('verison'))
 * // { path: ['verison'], atKey: true, message: 'unknown key "verison" (did you mean version?)' }
 */
export function describeIssue(schema: v.GenericSchema, issue: AnyIssue, options: DescribeOptions = {}): DescribedIssue {
  const owner = options.owner ? ` for ${options.owner}` : '';
  const path = (issue.path ?? []).map((item) => item.key as PathKey);
  const last = issue.path?.at(-1) as { origin?: string; input?: unknown } | undefined;
  const atKey = last?.origin === 'key';
  // valibot's object and record schemas accept arrays as objects: a list where a map belongs shows up as odd keys.
  if (atKey && Array.isArray(last?.input)) return { path: path.slice(0, -1), atKey: false, message: 'expected a map, got a list' };
  if (atKey && issue.expected === 'never') {
    const key = String(path.at(-1));
    const known = [...knownKeysAt(schema as AnySchema, path.slice(0, -1)), ...(path.length === 1 ? options.extraKeys ?? [] : [])];
    const suggested = nearestNames(key, known);
    const hint = suggested.length ? ` (did you mean ${suggested.join(', ')}?)` : '';
    return { path, atKey, message: `unknown key "${key}"${owner}${hint}`, suggested };
  }
  if (atKey && issue.input === undefined) return { path, atKey: false, message: `is required${owner}` };
  if (!issue.message.startsWith('Invalid ')) return { path, atKey, message: issue.message };
  return { path, atKey, message: `expected ${describeExpected(issue.expected)}, got ${describeReceived(issue.received)}` };
}

/** The keys an object schema at `path` accepts (through optional, pipe, array, record and union wrappers). */
export function knownKeysAt(schema: AnySchema, path: readonly PathKey[]): string[] {
  const found = schemasAt(schema, path);
  return found.flatMap((s) => (s.entries ? Object.keys(s.entries as object) : []));
}

function schemasAt(schema: AnySchema, path: readonly PathKey[]): AnySchema[] {
  const unwrapped = unwrap(schema);
  if (path.length === 0) return unwrapped;
  const [key, ...rest] = path;
  return unwrapped.flatMap((s) => {
    const entries = s.entries as Record<string, AnySchema> | undefined;
    if (entries && typeof key === 'string' && entries[key]) return schemasAt(entries[key], rest);
    if (s.type === 'array' && s.item) return schemasAt(s.item as AnySchema, rest);
    if (s.type === 'record' && s.value) return schemasAt(s.value as AnySchema, rest);
    return [];
  });
}

function unwrap(schema: AnySchema): AnySchema[] {
  if (schema.wrapped) return unwrap(schema.wrapped as AnySchema);
  if (Array.isArray(schema.options) && (schema.type === 'union' || schema.type === 'variant')) {
    return (schema.options as AnySchema[]).flatMap(unwrap);
  }
  return [schema];
}

const EXPECTED_WORDS: Record<string, string> = {
  string: 'a string',
  boolean: 'true or false',
  number: 'a number',
  Object: 'a map',
  Array: 'a list',
};

function describeExpected(expected: string | null): string {
  if (!expected) return 'something else';
  const parts = expected.replace(/^\((.*)\)$/, '$1').split(' | ');
  if (parts.length === 1) return EXPECTED_WORDS[parts[0]!] ?? parts[0]!;
  const words = parts.map((part) => (part === 'boolean' ? 'true/false' : EXPECTED_WORDS[part] ?? part));
  return `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

function describeReceived(received: string): string {
  return received === 'Object' ? 'a map' : received === 'Array' ? 'a list' : received;
}
