// Checks the descriptor's `hooks:` beyond its shape: point names against the stages, and which keys each hook type takes.
import { posix } from 'node:path';
import type { DescribedIssue } from './describe-issue';
import { findWhenSyntaxError } from './evaluate-when';
import type { PathKey } from './yaml-source';
import { parseHookPoint } from './hook-points';
import { HOOK_SETTINGS, HOOK_TYPES } from './hooks-schema';

/** The module extensions a ts_routine may have. */
export const ROUTINE_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'] as const;

/** Keys each type takes besides the common ones (name, type, secrets, timeout, continueOnError, when, service). */
const TYPE_KEYS: Readonly<Record<string, readonly string[]>> = {
  shell: ['script', 'run', 'image', 'host'],
  container: ['image', 'command'],
  ts_routine: ['module'],
};
const TYPED_KEYS = ['script', 'run', 'module', 'image', 'command', 'host'];

/**
 * Works on the raw merged descriptor, beside the schema (which reports wrong shapes); paths are from its root.
 * @example checkHooks({ hooks: { pre_deplyo: [] } }) // [{ path: ['hooks', 'pre_deplyo'], atKey: true, message: 'unknown hook point "pre_deplyo" (did you mean pre_deploy?)' }]
 */
export function checkHooks(raw: unknown): DescribedIssue[] {
  if (!isMap(raw) || !isMap(raw.hooks)) return [];
  const stages = isMap(raw.stages) ? Object.keys(raw.stages) : [];
  const issues: DescribedIssue[] = [];
  for (const [key, hooks] of Object.entries(raw.hooks)) {
    if ((HOOK_SETTINGS as readonly string[]).includes(key)) continue;
    const parsed = parseHookPoint(key, stages);
    if (!parsed.ok) {
      issues.push({ path: ['hooks', key], atKey: true, message: parsed.message });
      continue;
    }
    if (!Array.isArray(hooks)) continue;
    hooks.forEach((hook, index) => {
      if (isMap(hook)) issues.push(...checkHook(hook, ['hooks', key, index], parsed.point.perService));
    });
  }
  return issues;
}

function checkHook(hook: Record<string, unknown>, path: PathKey[], perService: boolean): DescribedIssue[] {
  const issues: DescribedIssue[] = [];
  const at = (key: string, message: string, atKey = false) => issues.push({ path: [...path, key], atKey, message });
  const type = hook.type === undefined ? 'shell' : String(hook.type);
  if (!(HOOK_TYPES as readonly string[]).includes(type)) return issues; // the schema names the unknown type
  for (const key of TYPED_KEYS) {
    if (hook[key] !== undefined && !TYPE_KEYS[type]!.includes(key)) at(key, `a ${type} hook takes no ${key}: (${describeType(type)})`, true);
  }
  if (type === 'shell') {
    if (hook.script !== undefined && hook.run !== undefined) at('run', 'give script: or run:, not both');
    if (hook.script === undefined && hook.run === undefined) issues.push({ path, atKey: false, message: `a shell hook needs script: (a file in the home) or run: (an inline script); ${describeType('container')} is type: container` });
    if (hook.host === true && hook.image !== undefined) at('image', 'a host: true hook runs on the host, not in an image: drop image:', true);
  }
  if (type === 'container' && hook.image === undefined) issues.push({ path, atKey: false, message: 'a container hook needs image: (and usually command:)' });
  if (type === 'ts_routine') {
    if (hook.module === undefined) issues.push({ path, atKey: false, message: 'a ts_routine hook needs module: (a .ts or .js file in the home)' });
    else if (typeof hook.module === 'string' && !ROUTINE_EXTENSIONS.some((ext) => (hook.module as string).endsWith(ext))) {
      at('module', `must be a ${ROUTINE_EXTENSIONS.join(', ')} file`);
    }
  }
  for (const key of ['script', 'module']) {
    if (typeof hook[key] === 'string' && !isInsideHome(hook[key] as string)) at(key, 'must be a path inside the Harbor home, relative to it (e.g. stacks/db/hooks/migrate.sh)');
  }
  if (hook.service !== undefined && !perService) at('service', 'service: is only for the per-service points (pre_service_prepare, post_service_prepare, pre_service_up, post_service_up)', true);
  const whenError = typeof hook.when === 'string' ? findWhenSyntaxError(hook.when) : undefined;
  if (whenError) at('when', whenError);
  return issues;
}

function describeType(type: string): string {
  if (type === 'shell') return 'shell takes script: or run:, and image: or host: true';
  if (type === 'container') return 'image: and command:';
  return 'ts_routine takes module:';
}

/** Relative, and does not climb out with `..`. */
export function isInsideHome(path: string): boolean {
  if (posix.isAbsolute(path)) return false;
  const normal = posix.normalize(path);
  return normal !== '..' && !normal.startsWith('../');
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
