// Turns a stage's descriptor steps into actions with parsed params, before anything runs.
import * as v from 'valibot';
import { checkStep, selectParams } from '../descriptor/core/check-steps';
import type { Step } from '../descriptor/core/descriptor-schema';
import { renderPath } from '../descriptor/core/render-path';
import { selectUsefulIssues } from '../descriptor/core/select-useful-issues';
import { DescriptorError } from '../shared/core/errors';
import type { ActionDefinition } from './action';

export interface ResolvedStep {
  index: number;
  /** `deploy[0]`: the stage and the step's index in `<stage>.steps`, as in descriptor error paths. */
  label: string;
  action: ActionDefinition;
  /** The action's params after parsing (defaults filled in). */
  params: unknown;
  name?: string | undefined;
  when?: string | boolean | undefined;
  continueOnError: boolean;
}

/**
 * Every step is checked first, so an unknown action or bad params stop the stage before its first step runs.
 * Descriptor steps were already checked at load time with file:line:col; steps built in code are checked here.
 * @example resolveSteps('deploy', [{ action: 'compose.up' }], ACTIONS)[0].label // 'deploy[0]'
 */
export function resolveSteps(stage: string, steps: readonly Step[], actions: readonly ActionDefinition[]): ResolvedStep[] {
  const issues = selectUsefulIssues(steps.flatMap((step, index) => checkStep(step, [stage, 'steps', index], actions)));
  if (issues.length) {
    throw new DescriptorError(issues.map((issue) => `${renderPath(issue.path)}: ${issue.message}`).join('\n'), {
      hint: 'check the descriptor with `harbor descriptor check`',
    });
  }
  return steps.map((step, index) => {
    const action = actions.find((a) => a.name === step.action)!;
    return {
      index,
      label: `${stage}[${index}]`,
      action,
      params: v.parse(action.params, selectParams(step)),
      name: step.name,
      when: step.when,
      continueOnError: step.continueOnError ?? false,
    };
  });
}
