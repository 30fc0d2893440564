// What deploy, destroy and run need from hooks: open a session for the descriptor, the state at each point, the
// compose.up wiring, and the ordered list for --dry-run and `harbor plan`.
import type { Descriptor } from '../descriptor/core/descriptor-schema';
import { selectProjectName } from '../source/core/project-name';
import type { Deps } from '../shared/deps';
import type { ResolvedSource } from '../stack/resolve-source';

import type { ServiceUpHooks } from '../workflow/action';
import { describeHook, type PlannedHook } from './core/plan-hooks';
import { openHookSession, type HookSession, type HookState } from './hook-session';

export function openDescriptorHooks(deps: Deps, descriptor: Descriptor, allowHost: boolean): Promise<HookSession> {
  return openHookSession(deps, {
    config: descriptor.hooks,
    customStages: Object.keys(descriptor.stages),
    project: selectProjectName(descriptor.project, deps.home),
    allowHost,
  });
}

/** After source: the selection; with an env (read or prepared), its values and the files compose uses. */
/** The env part of a stack (read or prepared): what compose runs with. */
interface StackEnvLike {
  composeEnv: Record<string, string>;
  secretValues: string[];
  files?: string[] | undefined;
}

export function buildHookState(source: ResolvedSource, env?: StackEnvLike): HookState {
  return {
    services: source.selection.services,
    options: source.selection.options,
    files: env?.files ?? source.selection.files,
    composeEnv: env?.composeEnv ?? {},
    secretValues: env?.secretValues ?? [],
  };
}

/** pre_service_up / post_service_up around compose.up's one `compose up`. */
export function buildServiceUpHooks(session: HookSession, state: HookState): ServiceUpHooks {
  return {
    beforeUp: (services) => session.run('pre_service_up', state, services),
    afterUp: (services) => session.run('post_service_up', state, services),
  };
}

/** Where each point sits, for --dry-run: a point name, or a stage/step in brackets. */
export type HookTimelineEntry = string;

/** The order of `harbor deploy`: stages in brackets, hook points bare. */
export const DEPLOY_TIMELINE: readonly HookTimelineEntry[] = [
  'pre_source', '[source]', 'post_source',
  'pre_prepare', 'pre_service_prepare', '[prepare]', 'post_service_prepare', 'post_prepare',
  'pre_deploy', '[deploy steps; compose.up: pre_service_up, compose up, post_service_up]', 'pre_service_up', 'post_service_up', 'post_deploy',
  '[post_deploy steps]',
];

export const DESTROY_TIMELINE: readonly HookTimelineEntry[] = ['pre_source', '[source]', 'post_source', 'pre_destroy', '[destroy steps]', 'post_destroy'];

/** Every hook of the points in `timeline`, in the order they would run. */
export function planHookTimeline(session: HookSession, timeline: readonly HookTimelineEntry[], state: HookState): PlannedHook[] {
  return timeline.filter((entry) => !entry.startsWith('[')).flatMap((point) => session.plan(point, state));
}

/**
 * @example renderHookPlan([...], 'harbor-runner:2') // 'hooks: 1, in order\n  pre_deploy:migrate  shell stacks/db/hooks/migrate.sh (image harbor-runner:2)\n'
 */
export function renderHookPlan(hooks: readonly PlannedHook[], runnerImage: string): string {
  if (hooks.length === 0) return '';
  const lines = hooks.map((h) => {
    const notes = [h.skip ? `skipped: when ${h.skip.expression} is "${h.skip.value}"` : '', h.hook.continueOnError ? 'continueOnError' : '', h.hook.secrets ? 'secrets' : '', `timeout ${h.hook.timeout}s`].filter(Boolean);
    return `  ${h.label}  ${describeHook(h, runnerImage)}  [${notes.join('; ')}]`;
  });
  return `hooks: ${hooks.length}, in order\n${lines.join('\n')}\n`;
}

/** The --json form of a planned hook. */
export function showPlannedHook(h: PlannedHook) {
  return { label: h.label, point: h.point, stage: h.stage, service: h.service, type: h.type, origin: h.origin, skip: h.skip, continueOnError: h.hook.continueOnError ?? false, secrets: h.hook.secrets ?? false, host: h.hook.host ?? false, timeout: h.hook.timeout };
}
