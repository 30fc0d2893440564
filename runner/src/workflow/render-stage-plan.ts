// Renders a stage plan as the text `--dry-run` prints: one line per step, then its exact command.
import { renderShellCommand } from '../shared/core/shell-quote';
import type { StagePlan } from './plan-stage';

/**
 * @example renderStagePlan({ stage: 'deploy', steps: [...] })
 * // deploy: 1 step
 * //   deploy[0] compose.up: compose up hello
 * //     $ docker compose -p demo ... up -d --wait --remove-orphans hello
 */
export function renderStagePlan(plan: StagePlan): string {
  const count = plan.steps.length;
  const lines = [`${plan.stage}: ${count === 0 ? 'no steps' : `${count} step${count === 1 ? '' : 's'}`}`];
  for (const step of plan.steps) {
    const name = step.name ? ` (${step.name})` : '';
    const notes = [
      step.skip ? `skipped: when ${step.skip.expression} is "${step.skip.value}"` : step.when !== undefined ? `when ${step.when}` : '',
      step.continueOnError ? 'continueOnError' : '',
    ].filter(Boolean);
    lines.push(`  ${step.label} ${step.action}${name}: ${step.description}${notes.length ? `  [${notes.join('; ')}]` : ''}`);
    if (step.argv) lines.push(`    $ ${renderShellCommand(step.argv)}`);
  }
  return `${lines.join('\n')}\n`;
}
