// Checks every step of every stage against the action registry: the action exists and its params are valid.
import * as v from 'valibot';
import type { ActionSchema } from './action-schema';
import { describeIssue, type DescribedIssue } from './describe-issue';
import { STEP_KEYS } from './descriptor-schema';
import { findWhenSyntaxError } from './evaluate-when';
import { findMisplacedLists } from './find-misplaced-lists';
import { describeNotInRelease } from './not-in-release';
import { suggestNames } from './suggest-names';
import type { PathKey } from './yaml-source';

/**
 * Works on the raw (merged) descriptor so it can run alongside schema validation: steps whose shape is wrong
 * are left to the schema's own issues. Paths are from the descriptor's root.
 * @example checkSteps({ deploy: { steps: [{ action: 'compose.upp' }] } }, ACTIONS)
 * // [{ path: ['deploy', 'steps', 0, 'action'], atKey: false, message: 'unknown action "compose.upp" (did you mean compose.up?)' }]
 */
export function checkSteps(raw: unknown, actions: readonly ActionSchema[]): DescribedIssue[] {
  const issues: DescribedIssue[] = [];
  for (const [stagePath, steps] of stageStepLists(raw)) {
    steps.forEach((step, index) => {
      if (!isMap(step) || typeof step.action !== 'string') return;
      const path: PathKey[] = [...stagePath, 'steps', index];
      issues.push(...checkStep(step, path, actions));
    });
  }
  return issues;
}

/** Checks one step: its `when:` syntax, its action and params (also used for steps built in code). */
export function checkStep(step: Record<string, unknown>, path: readonly PathKey[], actions: readonly ActionSchema[]): DescribedIssue[] {
  const whenError = typeof step.when === 'string' ? findWhenSyntaxError(step.when) : undefined;
  const whenIssues: DescribedIssue[] = whenError ? [{ path: [...path, 'when'], atKey: false, message: whenError }] : [];
  return [...whenIssues, ...checkAction(step, path, actions)];
}

function checkAction(step: Record<string, unknown>, path: readonly PathKey[], actions: readonly ActionSchema[]): DescribedIssue[] {
  const name = String(step.action);
  const action = actions.find((a) => a.name === name);
  if (!action) {
    // An action the brief names but this release lacks says what to use instead (once registered, it is found above).
    const message = describeNotInRelease('action', name) ?? `unknown action "${name}"${suggestNames(name, actions.map((a) => a.name))}`;
    return [{ path: [...path, 'action'], atKey: false, message }];
  }
  const params = selectParams(step);
  const lists = findMisplacedLists(action.params, params, [...path]);
  if (lists.length) return lists;
  const result = v.safeParse(action.params, params);
  if (result.success) return [];
  return result.issues.map((issue) => {
    const described = describeIssue(action.params, issue, { extraKeys: STEP_KEYS, owner: name });
    return { ...described, path: [...path, ...described.path] };
  });
}

/** A step's keys minus action/name/when/continueOnError: what the action's params schema sees. */
export function selectParams(step: Record<string, unknown>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(step)) if (!(STEP_KEYS as readonly string[]).includes(key)) params[key] = value;
  return params;
}

function stageStepLists(raw: unknown): Array<[PathKey[], unknown[]]> {
  if (!isMap(raw)) return [];
  const found: Array<[PathKey[], unknown]> = [
    [['deploy'], raw.deploy],
    [['post_deploy'], raw.post_deploy],
    [['destroy'], raw.destroy],
    ...(isMap(raw.stages) ? Object.entries(raw.stages).map(([name, stage]): [PathKey[], unknown] => [['stages', name], stage]) : []),
  ];
  return found.flatMap(([path, stage]) => (isMap(stage) && Array.isArray(stage.steps) ? [[path, stage.steps] as [PathKey[], unknown[]]] : []));
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
