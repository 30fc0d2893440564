// Validates the system descriptor merged with an optional stack override; every error names file:line:col and path.
import * as v from 'valibot';
import type { ActionSchema } from './action-schema';
import { DescriptorError } from '../../shared/core/errors';
import { checkSteps } from './check-steps';
import { describeIssue, type DescribedIssue } from './describe-issue';
import { DescriptorSchema, type Descriptor } from './descriptor-schema';
import { findMisplacedLists } from './find-misplaced-lists';
import { mergeDescriptors } from './merge-descriptors';
import { renderPath } from './render-path';
import { selectUsefulIssues } from './select-useful-issues';
import type { YamlSource } from './yaml-source';

export interface DescriptorSources {
  /** etc/harbor.yaml; undefined when the home has none (the defaults stand in). */
  system: YamlSource | undefined;
  /** stacks/<stack>/harbor.yaml, when `--stack` names a stack that has one. */
  override?: YamlSource | undefined;
  /** Stands in for a missing system descriptor (v1's layout); default `{ version: 1 }`. */
  base?: Record<string, unknown> | undefined;
}

const HINT = 'fix the descriptor, then run `harbor descriptor check` (docs/Harbor-Descriptor.md lists every key)';

/**
 * Merges, validates (schema, then every step's action and params) and fills in defaults. All problems are
 * reported at once, one `file:line:col: dotted.path: message` per line, in file order.
 * @example validateDescriptor({ system: parseYamlSource('version: 1\n', 'etc/harbor.yaml') }, ACTIONS).version // 1
 */
export function validateDescriptor(sources: DescriptorSources, actions: readonly ActionSchema[]): Descriptor {
  const files = [sources.override, sources.system].filter((s): s is YamlSource => s !== undefined);
  for (const source of files) requireMap(source);
  const systemValue = withoutExtensions(sources.system?.value ?? sources.base ?? { version: 1 });
  const overrideValue = sources.override ? withoutExtensions(sources.override.value) : undefined;
  if (sources.override) checkVersionsMatch(systemValue, sources.override, sources.system?.file);

  const merged = overrideValue === undefined ? systemValue : mergeDescriptors(systemValue, overrideValue);
  const result = v.safeParse(DescriptorSchema, merged, { abortEarly: false });
  const issues = selectUsefulIssues([
    ...findMisplacedLists(DescriptorSchema, merged),
    ...(result.success ? [] : result.issues.map((issue) => describeIssue(DescriptorSchema, issue))),
    ...checkSteps(merged, actions),
  ]);
  if (issues.length === 0 && result.success) return result.output;
  if (issues.length === 0) throw new Error(`validateDescriptor: valibot failed with no issue to show: ${JSON.stringify(result.issues)}`);
  const lines = [...new Set(issues.map((issue) => renderIssue(issue, files, sources.base ? "v1's layout, from .env" : 'default descriptor')))].sort(compareLocations);
  throw new DescriptorError(lines.join('\n'), { hint: HINT });
}

/** The issue at its place in whichever file the value came from: the override wins a tie, as it wins the merge. */
function renderIssue(issue: DescribedIssue, files: readonly YamlSource[], label: string): string {
  const where = renderPath(issue.path);
  const message = where ? `${where}: ${issue.message}` : issue.message;
  if (files.length === 0) return `(${label}): ${message}`;
  const located = files.map((source) => ({ source, ...source.locate(issue.path, issue.atKey) }));
  const best = located.reduce((a, b) => (b.depth > a.depth ? b : a));
  return `${best.source.file}:${best.position.line}:${best.position.col}: ${message}`;
}

function requireMap(source: YamlSource): void {
  const value = source.value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return;
  const got = Array.isArray(value) ? 'a list' : JSON.stringify(value);
  throw new DescriptorError(`${source.file}:1:1: the descriptor must be a map of keys (version: 1, deploy: ...), got ${got}`, { hint: HINT });
}

function checkVersionsMatch(system: Record<string, unknown>, override: YamlSource, systemFile: string | undefined): void {
  const version = (override.value as Record<string, unknown>).version;
  if (version === undefined || version === system.version) return;
  const { position } = override.locate(['version']);
  const against = systemFile ? `${systemFile}'s version ${JSON.stringify(system.version)}` : 'the default descriptor version 1';
  throw new DescriptorError(`${override.file}:${position.line}:${position.col}: version: ${JSON.stringify(version)} does not match ${against}`, {
    hint: 'a stack override uses the same descriptor version as etc/harbor.yaml (or leaves version out)',
  });
}

/** Top-level `x-*` keys hold YAML anchors for reuse, as in compose files: they are not part of the descriptor. */
function withoutExtensions(value: unknown): Record<string, unknown> {
  const map = value as Record<string, unknown>;
  return Object.fromEntries(Object.entries(map).filter(([key]) => !key.startsWith('x-')));
}

/** Sorts `file:line:col: ...` lines by file, then line and column as numbers. */
function compareLocations(a: string, b: string): number {
  const [fa, la, ca] = a.split(':');
  const [fb, lb, cb] = b.split(':');
  if (fa !== fb) return fa! < fb! ? -1 : 1;
  return Number(la) - Number(lb) || Number(ca) - Number(cb);
}
