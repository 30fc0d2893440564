// Parses task.toml text into a TaskConfig plus every error and warning at once, each with its key path and line.
import { parse, TomlError } from 'smol-toml';
import * as v from 'valibot';
import { buildTaskConfig } from './build-task-config';
import { findUnknownKeys } from './find-unknown-keys';
import { locateTomlKey } from './locate-toml-key';
import type { TaskConfig, TaskIssue } from './task-config';
import { TaskTomlSchema, type TaskToml } from './task-toml-schema';

export interface LocatedIssue extends TaskIssue {
  line: number;
}

export interface ParsedTaskToml {
  config: TaskConfig | undefined;
  errors: LocatedIssue[];
  warnings: LocatedIssue[];
}

/**
 * Never throws: malformed TOML is one error at the parser's line.
 * @example parseTaskToml('version = "1.0"\n[verifier]\ntimeout = 5\n').warnings[0] // { path: ['verifier','timeout'], line: 3, ... }
 */
export function parseTaskToml(text: string): ParsedTaskToml {
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    if (err instanceof TomlError) return { config: undefined, errors: [{ path: [], line: err.line, message: `malformed TOML: ${err.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '')}` }], warnings: [] };
    throw err;
  }
  const at = (issue: TaskIssue): LocatedIssue => ({ ...issue, line: locateTomlKey(text, issue.path) });
  const warnings: LocatedIssue[] = findUnknownKeys(data, TaskTomlSchema).map((path) => at({ path, message: `unknown key (ignored; the framework ignores it too)${hintFor(path)}` }));
  const checked = v.safeParse(TaskTomlSchema, data, { abortEarly: false });
  if (checked.success) {
    const built = buildTaskConfig(checked.output);
    return { config: built.config, errors: built.errors.map(at), warnings: [...warnings, ...built.warnings.map(at)] };
  }
  const errors = checked.issues.map((issue) => at({ path: issuePath(issue), message: describe(issue) }));
  // Report the framework's own rules too (size conflicts, allowlists...), on the file minus the bad keys.
  const pruned = pruneUntilValid(data, checked.issues.map(issuePath));
  if (pruned) {
    const built = buildTaskConfig(pruned);
    errors.push(...built.errors.map(at));
    warnings.push(...built.warnings.map(at));
  }
  return { config: undefined, errors: dedupe(errors).sort((a, b) => a.line - b.line), warnings };
}

function issuePath(issue: v.BaseIssue<unknown>): (string | number)[] {
  return issue.path?.map((p) => p.key as string | number) ?? [];
}

/** Drops each bad key (or, for a missing required key, its table) and parses again, a few rounds at most. */
function pruneUntilValid(data: unknown, paths: (string | number)[][]): TaskToml | undefined {
  let current: unknown = structuredClone(data);
  let bad = paths;
  for (let round = 0; round < 5; round++) {
    for (const path of bad) removePath(current, path);
    const again = v.safeParse(TaskTomlSchema, current, { abortEarly: false });
    if (again.success) return again.output;
    bad = again.issues.map(issuePath);
  }
  return undefined;
}

function removePath(root: unknown, path: (string | number)[]): void {
  if (path.length === 0) return;
  let parent = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = parent?.[key];
    if (typeof next !== 'object' || next === null) return;
    parent = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (last in parent) delete parent[last];
  else removePath(root, path.slice(0, -1));
}

/** Common misspellings of keys the framework knows. */
const SUGGEST: Record<string, string> = { timeout: 'timeout_sec', memory_gb: 'memory_mb', cpu: 'cpus', gpu: 'gpus', image: 'docker_image', internet: 'allow_internet', network: 'network_mode' };

function hintFor(path: (string | number)[]): string {
  const last = path[path.length - 1];
  return typeof last === 'string' && SUGGEST[last] ? ` (did you mean ${SUGGEST[last]}?)` : '';
}

function describe(issue: v.BaseIssue<unknown>): string {
  // valibot's own wording for a wrong type, e.g. 'Invalid type: Expected number but received "5"'.
  if (issue.message.startsWith('Invalid type')) return `expected ${issue.expected} but got ${issue.received}`;
  if (issue.message.startsWith('Invalid key')) return 'is required';
  return issue.message;
}

function dedupe(issues: LocatedIssue[]): LocatedIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path.join('.')}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
