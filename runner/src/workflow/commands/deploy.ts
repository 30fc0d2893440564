// `harbor deploy [HANDLE...]`: source → prepare → deploy → post_deploy, then the stack's URLs (--dry-run: the plan).
import * as v from 'valibot';
import { readComposeContainers } from '../../compose/compose-containers';
import { defineCommand } from '../../shared/command-spec';
import type { Step } from '../../descriptor/core/descriptor-schema';
import { selectStage } from '../../descriptor/core/select-stage';
import { renderSelection } from '../../source/core/render-selection';
import { buildServiceUrls } from '../../compose/core/service-url';
import type { Deps } from '../../shared/deps';
import { selectVerifySteps } from '../../tasks/select-verify-steps';
import { planStage } from '../plan-stage';
import { renderStagePlan } from '../render-stage-plan';
import { runStage, type StageResult } from '../run-stage';
import { buildActionContext, type StageContext } from '../../stack/action-context';
import { renderPrepareLine } from '../../compose/commands/print-command-plan';
import { printUrls } from '../../compose/commands/print-urls';
import { mergeRoutedUrls } from '../../routing/core/merge-routed-urls';
import { readRoutes } from '../../routing/read-routes';
import { requestOpen } from '../../open/request-open';
import { selectOpenUrls } from '../../open/core/open-url';
import { resolveSource, type ResolvedSource } from '../../stack/resolve-source';
import { prepareStack, readStack, type Stack } from '../../stack/stack';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../stack/commands/stack-options';
import { loadDescriptor } from '../../descriptor/descriptor-loader';
import { ACTIONS } from '../action-registry';
import { buildHookState, buildServiceUpHooks, DEPLOY_TIMELINE, openDescriptorHooks, planHookTimeline, renderHookPlan, showPlannedHook } from '../../hooks/command-hooks';
import { HOOK_OPTIONS, hookOptionEntries } from '../../hooks/commands/hook-options';
import { EMPTY_HOOK_STATE } from '../../hooks/hook-session';

export const deployCommand = defineCommand({
  usage: 'deploy [...handles]',
  group: 'Deploy',
  summary: 'Deploy the stack: source, prepare, deploy and post_deploy stages, then print the URLs',
  options: [
    ...STACK_OPTIONS,
    ...HOOK_OPTIONS,
    { flags: '--verify', description: 'Then run the verify stage (stacks/<service>/verify/ checks; docs/Harbor-Tasks.md); fail below its minReward' },
    { flags: '--open', description: "Then open the named services' URLs (none named: every published URL) in this host's browser" },
    { flags: '--persist-env', description: 'Also write the merged env, secrets included, to var/run/.env.run (mode 0600)' },
    { flags: '--dry-run', description: 'Print the compose files and every step with its exact command; change nothing (`harbor plan` shows what prepare would change)' },
    { flags: '--json', description: 'Print {"project", "files", "services", "stages": [...], "urls": [{service, url}]}' },
  ],
  examples: ['./harbor.sh deploy', './harbor.sh deploy --dry-run', './harbor.sh deploy --persist-env', './harbor.sh deploy --profile llm', './harbor.sh deploy greeter --json'],
  schema: v.object({ ...stackOptionEntries, ...hookOptionEntries, verify: v.optional(v.boolean()), persistEnv: v.optional(v.boolean(), false), open: v.optional(v.boolean(), false), dryRun: v.optional(v.boolean(), false), json: v.optional(v.boolean(), false) }),
  async run({ args, options, deps }) {
    // Hooks are checked (files, host opt-in) before anything runs; pre_source runs before the source stage.
    const hooks = await openDescriptorHooks(deps, (await loadDescriptor(deps.home, { stack: options.stack, actions: ACTIONS })).descriptor, options.allowHostHooks);
    if (!options.dryRun) await hooks.run('pre_source', EMPTY_HOOK_STATE);
    const source = await resolveSource(deps, sourceOptionsOf(options, args));
    const stages: Array<[string, readonly Step[]]> = [
      // The same steps `harbor run deploy` would run: the descriptor's, else the built-in defaults.
      ['deploy', selectStage(source.descriptor, 'deploy')!],
      ['post_deploy', selectStage(source.descriptor, 'post_deploy')!],
      ...(options.verify ? [['verify', selectVerifySteps(source.descriptor)] as [string, readonly Step[]]] : []),
    ];
    // `when:` sees the runner's environment overridden by the stack env, as compose's own process does.
    const whenEnv = (stack: Stack) => ({ ...deps.env, ...stack.composeEnv });

    if (options.dryRun) {
      // Deploy prepares first, so its compose calls carry the overlay prepare writes (`harbor plan` shows its content).
      const stack = await readStack(deps, source, { planned: true });
      const ctx = buildActionContext(deps, stack, true);
      const plans = stages.map(([name, steps]) => planStage(name, steps, ctx, { env: whenEnv(stack) }));
      const planned = planHookTimeline(hooks, DEPLOY_TIMELINE, buildHookState(source, stack));
      if (options.json) deps.out(`${JSON.stringify({ ...head(source), dryRun: true, stages: plans, hooks: planned.map(showPlannedHook) }, null, 2)}\n`);
      else deps.out(`${renderSelection(source.selection, source.project.name)}${renderPrepareLine(source)}${plans.map(renderStagePlan).join('')}${renderHookPlan(planned, hooks.runnerImage)}`);
      return;
    }

    const results: StageResult[] = [];
    const run = async (ctx: StageContext, stack: Stack, [name, steps]: [string, readonly Step[]]) => {
      if (steps.length === 0) return;
      const result = await runStage(name, steps, ctx, { env: whenEnv(stack) });
      results.push(result);
      if (!result.ok) throw result.error;
    };
    const sourced = buildHookState(source);
    await hooks.run('post_source', sourced);
    await hooks.run('pre_prepare', sourced);
    await hooks.run('pre_service_prepare', sourced);
    // The home lock covers prepare and the deploy stage (compose up); post_deploy runs after it is released.
    const { ctx, stack, state } = await prepareStack(deps, source, { persistEnv: options.persistEnv, command: 'harbor deploy' }, async (stack) => {
      const state = buildHookState(source, stack);
      await hooks.run('post_service_prepare', state);
      await hooks.run('post_prepare', state);
      await hooks.run('pre_deploy', state);
      const ctx = { ...buildActionContext(deps, stack), serviceHooks: buildServiceUpHooks(hooks, state) };
      await run(ctx, stack, stages[0]!);
      return { ctx, stack, state };
    });
    // post_deploy hooks: after the deploy stage (so after compose up), before the post_deploy stage's steps.
    await hooks.run('post_deploy', state);
    // post_deploy, then verify with --verify.
    for (const stage of stages.slice(1)) await run(ctx, stack, stage);
    const urls = await readUrls(deps, ctx);
    if (options.json) {
      deps.out(`${JSON.stringify({ ...head(source), stages: results, hooks: hooks.reports, urls }, null, 2)}\n`);
    } else printUrls(deps, urls);
    if (options.open) await requestOpen(deps, selectOpenUrls(urls, args));
  },
});

/** The source stage's result, as --json prints it: the stack's compose files (the overlay shows in each argv). */
function head(source: ResolvedSource) {
  return { project: source.project.name, files: source.selection.files, services: source.selection.services };
}

async function readUrls(deps: Deps, ctx: StageContext) {
  const containers = await readComposeContainers(deps, { name: ctx.projectName, directory: ctx.home }, ctx.selection.files, { env: ctx.composeEnv, secretValues: ctx.secretValues ?? [] });
  return mergeRoutedUrls(buildServiceUrls(containers), await readRoutes(ctx.home));
}
