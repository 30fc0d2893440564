// Plans a stage without running it: each step's description, its exact command, and whether `when:` skips it.
import type { Step } from '../descriptor/core/descriptor-schema';
import { evaluateWhen } from '../descriptor/core/evaluate-when';
import type { ActionDefinition, PlanContext } from './action';
import { ACTIONS } from './action-registry';
import { resolveSteps } from './resolve-steps';

export interface PlannedStepReport {
  index: number;
  label: string;
  action: string;
  name?: string | undefined;
  description: string;
  /** The exact external command (compose actions). */
  argv?: string[] | undefined;
  when?: string | undefined;
  /** Set when `when:` turns the step off with the env given. */
  skip?: { expression: string; value: string } | undefined;
  continueOnError: boolean;
}

export interface StagePlan {
  stage: string;
  steps: PlannedStepReport[];
}

export interface StageOptions {
  /** The actions steps may name; default: the registry. */
  actions?: readonly ActionDefinition[];
  /** What `when:` is interpolated against; default ctx.composeEnv. The `run` command passes runner env + compose env. */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Pure: calls each action's `plan`, never its `run`, so `--dry-run` changes nothing.
 * @example planStage('deploy', [{ action: 'compose.up' }], ctx).steps[0].argv // ['docker', 'compose', '-p', ...]
 */
export function planStage(stage: string, steps: readonly Step[], ctx: Omit<PlanContext, 'stage'>, options: StageOptions = {}): StagePlan {
  const env = options.env ?? ctx.composeEnv;
  const planned = resolveSteps(stage, steps, options.actions ?? ACTIONS).map((step): PlannedStepReport => {
    const decision = evaluateWhen(step.when, env);
    const result = step.action.plan(step.params, { ...ctx, stage });
    return {
      index: step.index,
      label: step.label,
      action: step.action.name,
      name: step.name,
      description: result.description,
      argv: result.argv,
      when: step.when === undefined ? undefined : String(step.when),
      skip: decision.run ? undefined : { expression: decision.expression, value: decision.value },
      continueOnError: step.continueOnError,
    };
  });
  return { stage, steps: planned };
}
