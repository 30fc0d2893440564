// What every compose.* action shares: plan the exact compose argv from the step context, and run that same argv.
import { runCompose } from '../../compose/compose';
import { buildComposeCallArgv } from '../../compose/model/compose-call-argv';
import { buildComposeArgv } from '../../compose/core/compose-argv';
import type { ActionContext, PlanContext, PlannedStep } from '../action';

/** The argv `--dry-run` prints is the argv `run` executes: both come from here. */
export function planComposeStep(ctx: PlanContext, subcommand: string, args: readonly string[], description: string): PlannedStep & { argv: string[] } {
  return {
    description,
    argv: buildComposeArgv({ name: ctx.projectName, directory: ctx.home }, ctx.selection.files, subcommand, args),
  };
}

/**
 * Streams compose's output to the user; the compose env goes through the process environment only.
 * `progress` (up, down, pull, build) keeps compose's output off a stdout that a script reads (see runCompose).
 */
export async function runComposeStep(ctx: ActionContext, planned: { argv: string[] }, stdio: 'inherit' | 'progress' = 'inherit'): Promise<void> {
  const secretValues = ctx.secretValues ?? [];
  // Single-file mode (docs/compose-model.md): the N files planned (and printed by --dry-run) become one merged file.
  const argv = await buildComposeCallArgv(ctx.deps, { name: ctx.projectName, directory: ctx.home }, ctx.selection.files, { composeEnv: ctx.composeEnv, secretValues }, planned.argv);
  await runCompose(ctx.deps, argv, { env: ctx.composeEnv, stdio, secretValues });
}

/** ' hello greeter' or '' (for descriptions). */
export function listSuffix(services: readonly string[] | undefined): string {
  return services?.length ? ` ${services.join(' ')}` : '';
}
