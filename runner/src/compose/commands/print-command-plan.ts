// `--dry-run` of the classic stack commands (up, down, restart, pull, build): the selection, then each step with its exact compose argv.
import type { OptionSpec } from '../../shared/command-spec';
import type { Step } from '../../descriptor/core/descriptor-schema';
import { PREPARE_OVERLAY_PATH } from '../../prepare/core/build-prepare-overlay';
import { renderSelection } from '../../source/core/render-selection';
import type { Deps } from '../../shared/deps';
import type { ActionDefinition } from '../../workflow/action';
import { planStage } from '../../workflow/plan-stage';
import { renderStagePlan } from '../../workflow/render-stage-plan';
import { buildActionContext } from '../../stack/action-context';
import type { ResolvedSource } from '../../stack/resolve-source';
import type { Stack } from '../../stack/stack';

export const DRY_RUN_OPTION: OptionSpec = { flags: '--dry-run', description: 'Print the compose files and each step with its exact compose command; change nothing' };

/** One step of a command's plan: the action and the params the command would run it with. */
export function commandStep(action: ActionDefinition, params: object): Step {
  return { action: action.name, ...params };
}

export interface CommandPlanOptions {
  /** The command prepares first (up): the text says so (read the stack with `planned: true` for the overlay). */
  prepares?: boolean;
  json?: boolean;
}

/**
 * Plans `steps` as the command's own stage (named after it) through each action's pure `plan`, so nothing runs
 * and nothing is written. Text: the selection, the prepare line (when it prepares), the steps with their argv.
 */
export function printCommandPlan(deps: Deps, stack: Stack, command: string, steps: readonly Step[], options: CommandPlanOptions = {}): void {
  const plan = planStage(command, steps, buildActionContext(deps, stack, true), { env: { ...deps.env, ...stack.composeEnv } });
  if (options.json) {
    const { files, services } = stack.selection;
    deps.out(`${JSON.stringify({ project: stack.project.name, files, services, dryRun: true, stage: plan }, null, 2)}\n`);
    return;
  }
  deps.out(`${renderSelection(stack.selection, stack.project.name)}${options.prepares ? renderPrepareLine(stack) : ''}${renderStagePlan(plan)}`);
}

/** One line of the dry-run text: what prepare would do before the stages. */
export function renderPrepareLine(source: ResolvedSource): string {
  const services = source.selection.services.join(' ') || '(none)';
  return `prepare: env layers and templates of ${services} into var/run/, overlay ${PREPARE_OVERLAY_PATH} (\`harbor plan\` shows the changes)\n`;
}
