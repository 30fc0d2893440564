// `harbor destroy`: the destroy stage (default: compose down --remove-orphans), then the project's leftover networks.
import * as v from 'valibot';
import { join } from 'node:path';
import { loadDescriptor } from '../adapters/descriptor-loader';
import { removeProjectLeftovers } from '../adapters/project-leftovers';
import { buildHookState, DESTROY_TIMELINE, openDescriptorHooks, planHookTimeline, renderHookPlan, showPlannedHook } from '../hooks/command-hooks';
import { HOOK_OPTIONS, hookOptionEntries } from '../hooks/commands/hook-options';
import { EMPTY_HOOK_STATE } from '../hooks/hook-session';
import { removeRunEnvFile, RUN_ENV_FILE } from '../adapters/run-env-file';
import { defineCommand } from '../command-spec';
import type { Step } from '../core/descriptor/descriptor-schema';
import { selectStage } from '../core/descriptor/select-stage';
import { renderSelection } from '../core/render-selection';
import { planStage } from '../workflow/plan-stage';
import { renderStagePlan } from '../workflow/render-stage-plan';
import { runStage } from '../workflow/run-stage';
import { buildActionContext } from './action-context';
import { resolveSource } from './resolve-source';
import { readStackEnv } from './stack-env';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from './stack-options';
import { withHomeLock } from './with-home-lock';

/** With no `destroy:` in the descriptor: remove every container of the project and its networks. */

/** `--volumes` turns on `volumes` for every compose.down step of the stage (the descriptor's or the default). */
export function withVolumes(steps: readonly Step[]): Step[] {
  return steps.map((step) => (step.action === 'compose.down' ? { ...step, volumes: true } : step));
}

export const destroyCommand = defineCommand({
  usage: 'destroy',
  group: 'Deploy',
  summary: "Remove what deploy started: the destroy stage (default compose down --remove-orphans), the project's networks, var/run/.env.run",
  options: [
    ...STACK_OPTIONS,
    ...HOOK_OPTIONS,
    { flags: '-v, --volumes', description: "Also remove the project's volumes (its data)" },
    { flags: '--dry-run', description: 'Print the steps with their exact commands; change nothing' },
    { flags: '--json', description: 'Print {"project", "stage": {...}, "removed": {"networks", "volumes"}}' },
  ],
  examples: ['./harbor.sh destroy', './harbor.sh destroy --volumes', './harbor.sh destroy --dry-run'],
  schema: v.object({
    ...stackOptionEntries,
    ...hookOptionEntries,
    volumes: v.optional(v.boolean(), false),
    dryRun: v.optional(v.boolean(), false),
    json: v.optional(v.boolean(), false),
  }),
  async run({ options, deps }) {
    const hooks = await openDescriptorHooks(deps, (await loadDescriptor(deps.home, { stack: options.stack })).descriptor, options.allowHostHooks);
    if (!options.dryRun) await hooks.run('pre_source', EMPTY_HOOK_STATE);
    const source = await resolveSource(deps, sourceOptionsOf(options, []));
    // An env source that fails (a sops file without its key) must not keep a stack from being removed.
    const env = await readStackEnv(deps, source, { tolerant: true });
    const ctx = buildActionContext(deps, source, env, options.dryRun);
    const declared = selectStage(source.descriptor, 'destroy')!;
    const steps = options.volumes ? withVolumes(declared) : [...declared];
    const whenEnv = { ...deps.env, ...env.composeEnv };

    if (options.dryRun) {
      const plan = planStage('destroy', steps, ctx, { env: whenEnv });
      const planned = planHookTimeline(hooks, DESTROY_TIMELINE, buildHookState(source, env));
      if (options.json) deps.out(`${JSON.stringify({ project: source.project.name, dryRun: true, stage: plan, hooks: planned.map(showPlannedHook) }, null, 2)}\n`);
      else deps.out(`${renderSelection(source.selection, source.project.name)}${renderStagePlan(plan)}${renderHookPlan(planned, hooks.runnerImage)}`);
      return;
    }
    const state = buildHookState(source, env);
    await hooks.run('post_source', state);
    // Under the home lock: a destroy never interleaves with a deploy's prepare and up on the same home.
    const { stage, removed } = await withHomeLock(deps, 'harbor destroy', async () => {
      await hooks.run('pre_destroy', state);
      const stage = await runStage('destroy', steps, ctx, { env: whenEnv });
      if (!stage.ok) throw stage.error;
      // Networks or volumes only other profiles' files declared survive `compose down` on this selection.
      const removed = await removeProjectLeftovers(deps, source.project.name, { volumes: options.volumes });
      for (const name of [...removed.networks, ...removed.volumes]) deps.log.info(`removed ${name} (left by another selection)`);
      // The persisted env file holds secrets: it goes with the stack unless prepare.env.keepOnDestroy says otherwise.
      if (!source.descriptor.prepare.env.keepOnDestroy) await removeRunEnvFile(join(deps.home, RUN_ENV_FILE));
      return { stage, removed };
    });
    await hooks.run('post_destroy', state);
    if (options.json) deps.out(`${JSON.stringify({ project: source.project.name, stage, removed, hooks: hooks.reports }, null, 2)}\n`);
  },
});
