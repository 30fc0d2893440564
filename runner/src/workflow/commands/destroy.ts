// `harbor destroy`: the destroy stage (default: compose down --remove-orphans), then the project's leftover networks.
import * as v from 'valibot';
import { join } from 'node:path';
import { removeProjectLeftovers } from '../../compose/project-leftovers';
import { removeRunEnvFile, RUN_ENV_FILE } from '../../env/run-env-file';
import { defineCommand } from '../../shared/command-spec';
import type { Step } from '../../descriptor/core/descriptor-schema';
import { selectStage } from '../../descriptor/core/select-stage';
import { renderSelection } from '../../source/core/render-selection';
import { planStage } from '../plan-stage';
import { renderStagePlan } from '../render-stage-plan';
import { runStage } from '../run-stage';
import { buildActionContext } from '../../stack/action-context';
import { resolveSource } from '../../stack/resolve-source';
import { readStack } from '../../stack/stack';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../stack/commands/stack-options';
import { withHomeLock } from '../../lock/with-home-lock';
import { loadDescriptor } from '../../descriptor/descriptor-loader';
import { ACTIONS } from '../action-registry';
import { buildHookState, DESTROY_TIMELINE, openDescriptorHooks, planHookTimeline, renderHookPlan, showPlannedHook } from '../../hooks/command-hooks';
import { HOOK_OPTIONS, hookOptionEntries } from '../../hooks/commands/hook-options';
import { EMPTY_HOOK_STATE } from '../../hooks/hook-session';
import { runRemovePrepared } from '../../prepare/run-remove-prepared';

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
    { flags: '--json', description: 'Print {"project", "stage": {...}, "removed": {"networks", "volumes", "runFiles"}}' },
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
    const hooks = await openDescriptorHooks(deps, (await loadDescriptor(deps.home, { stack: options.stack, actions: ACTIONS })).descriptor, options.allowHostHooks);
    if (!options.dryRun) await hooks.run('pre_source', EMPTY_HOOK_STATE);
    const source = await resolveSource(deps, sourceOptionsOf(options, []));
    // An env source that fails (a sops file without its key) must not keep a stack from being removed.
    const stack = await readStack(deps, source, { tolerant: true });
    const ctx = buildActionContext(deps, stack, options.dryRun);
    const declared = selectStage(source.descriptor, 'destroy')!;
    const steps = options.volumes ? withVolumes(declared) : [...declared];
    const whenEnv = { ...deps.env, ...stack.composeEnv };

    if (options.dryRun) {
      const plan = planStage('destroy', steps, ctx, { env: whenEnv });
      const planned = planHookTimeline(hooks, DESTROY_TIMELINE, buildHookState(source, stack));
      if (options.json) deps.out(`${JSON.stringify({ project: source.project.name, dryRun: true, stage: plan, hooks: planned.map(showPlannedHook) }, null, 2)}\n`);
      else deps.out(`${renderSelection(source.selection, source.project.name)}${renderStagePlan(plan)}${renderHookPlan(planned, hooks.runnerImage)}`);
      return;
    }
    const state = buildHookState(source, stack);
    await hooks.run('post_source', state);
    // Under the home lock: a destroy never interleaves with a deploy's prepare and up on the same home.
    const { stage, removed } = await withHomeLock(deps, 'harbor destroy', async (lock) => {
      await hooks.run('pre_destroy', state);
      const stage = await runStage('destroy', steps, ctx, { env: whenEnv });
      if (!stage.ok) throw stage.error;
      // Networks or volumes only other profiles' files declared survive `compose down` on this selection.
      const removed = await removeProjectLeftovers(deps, source.project.name, { volumes: options.volumes });
      for (const name of [...removed.networks, ...removed.volumes]) deps.log.info(`removed ${name} (left by another selection)`);
      // The persisted env file holds secrets: it goes with the stack unless prepare.env.keepOnDestroy says otherwise.
      if (!source.descriptor.prepare.env.keepOnDestroy) await removeRunEnvFile(join(deps.home, RUN_ENV_FILE));
      // prepare.cleanOnDestroy: what prepare rendered into var/run/ goes too (the next deploy renders it again).
      const cleaned = source.descriptor.prepare.cleanOnDestroy ? await runRemovePrepared(deps, lock) : [];
      if (cleaned.length) deps.log.info(`removed ${cleaned.length} file(s) prepare wrote into var/run/`);
      return { stage, removed: { ...removed, runFiles: cleaned } };
    });
    await hooks.run('post_destroy', state);
    if (options.json) deps.out(`${JSON.stringify({ project: source.project.name, stage, removed, hooks: hooks.reports }, null, 2)}\n`);
  },
});
