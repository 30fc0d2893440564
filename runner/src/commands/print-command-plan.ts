// `--dry-run` of the classic stack commands (up, down, restart, pull, build): the selection, then each step with its exact compose argv.
import type { OptionSpec } from '../command-spec';
import type { Step } from '../core/descriptor/descriptor-schema';
import { PREPARE_OVERLAY_PATH } from '../core/prepare/build-prepare-overlay';
import { renderSelection } from '../core/render-selection';
import type { Deps } from '../deps';
import type { ActionDefinition } from '../workflow/action';
import { planStage } from '../workflow/plan-stage';
import { renderStagePlan } from '../workflow/render-stage-plan';
import { buildActionContext } from './action-context';
import type { ResolvedSource } from './resolve-source';
import type { StackEnv } from './stack-env';

export const DRY_RUN_OPTION: OptionSpec = { flags: '--dry-run', description: 'Print the compose files and each step with its exact compose command; change nothing' };

/** One step of a command's plan: the action and the params the command would run it with. */
export function commandStep(action: ActionDefinition, params: object): Step {
  return { action: action.name, ...params };
}

export interface CommandPlanOptions {
  /** The command prepares first (up): its compose calls carry the overlay prepare writes, and the text says so. */
  prepares?: boolean;
  json?: boolean;
}

/**
 * Plans `steps` as the command's own stage (named after it) through each action's pure `plan`, so nothing runs
 * and nothing is written. Text: the selection, the prepare line (when it prepares), the steps with their argv.
 */
export function printCommandPlan(deps: Deps, source: ResolvedSource, env: StackEnv, command: string, steps: readonly Step[], options: CommandPlanOptions = {}): void {
  const files = options.prepares ? [...source.selection.files, PREPARE_OVERLAY_PATH] : env.files;
  const ctx = buildActionContext(deps, source, { ...env, ...(files && { files }) }, true);
  const plan = planStage(command, steps, ctx, { env: { ...deps.env, ...env.composeEnv } });
  if (options.json) {
    const { files: selected, services } = source.selection;
    deps.out(`${JSON.stringify({ project: source.project.name, files: selected, services, dryRun: true, stage: plan }, null, 2)}\n`);
    return;
  }
  deps.out(`${renderSelection(source.selection, source.project.name)}${options.prepares ? renderPrepareLine(source) : ''}${renderStagePlan(plan)}`);
}

/** One line of the dry-run text: what prepare would do before the stages. */
export function renderPrepareLine(source: ResolvedSource): string {
  const services = source.selection.services.join(' ') || '(none)';
  return `prepare: env layers and templates of ${services} into var/run/, overlay ${PREPARE_OVERLAY_PATH} (\`harbor plan\` shows the changes)\n`;
}
