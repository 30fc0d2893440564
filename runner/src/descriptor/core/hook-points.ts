// The hook points: their names, the stage each belongs to, whether it runs once per service, and their order.
import { suggestNames } from './suggest-names';

/** Global points of the built-in stages, in the order `harbor deploy` then `harbor destroy` reach them. */
export const GLOBAL_POINTS = ['pre_source', 'post_source', 'pre_prepare', 'post_prepare', 'pre_deploy', 'post_deploy', 'pre_destroy', 'post_destroy'] as const;

/** Points that run once for each selected service (HARBOR_SERVICE names it). */
export const SERVICE_POINTS = ['pre_service_prepare', 'post_service_prepare', 'pre_service_up', 'post_service_up'] as const;

export interface HookPoint {
  /** `pre_deploy`, `post_service_up`, `pre_backup`. */
  name: string;
  /** The stage the point belongs to (HARBOR_STAGE): source, prepare, deploy, destroy or a custom stage. */
  stage: string;
  /** Runs once per selected service. */
  perService: boolean;
}

/** The stage a built-in point belongs to: pre_service_up belongs to deploy (it brackets deploy's `compose up`). */
const BUILT_IN_STAGE: Readonly<Record<string, string>> = {
  pre_source: 'source',
  post_source: 'source',
  pre_prepare: 'prepare',
  post_prepare: 'prepare',
  pre_service_prepare: 'prepare',
  post_service_prepare: 'prepare',
  pre_deploy: 'deploy',
  post_deploy: 'deploy',
  pre_service_up: 'deploy',
  post_service_up: 'deploy',
  pre_destroy: 'destroy',
  post_destroy: 'destroy',
};

/** Every point a descriptor with these custom stages may name, built-in ones first. */
export function listHookPoints(customStages: readonly string[]): string[] {
  return [...GLOBAL_POINTS, ...SERVICE_POINTS, ...customStages.flatMap((stage) => [`pre_${stage}`, `post_${stage}`])];
}

export type HookPointResult = { ok: true; point: HookPoint } | { ok: false; message: string };

/**
 * Reads a key under `hooks:`: a built-in point, or pre_/post_ and a custom stage of `stages:`.
 * @example parseHookPoint('pre_deploy', []) // { ok: true, point: { name: 'pre_deploy', stage: 'deploy', perService: false } }
 * @example parseHookPoint('pre_deplyo', []) // { ok: false, message: 'unknown hook point "pre_deplyo" (did you mean pre_deploy?)' }
 */
export function parseHookPoint(name: string, customStages: readonly string[]): HookPointResult {
  const builtIn = BUILT_IN_STAGE[name];
  if (builtIn !== undefined) return { ok: true, point: { name, stage: builtIn, perService: (SERVICE_POINTS as readonly string[]).includes(name) } };
  const custom = /^(?:pre|post)_(.+)$/.exec(name)?.[1];
  if (custom !== undefined && customStages.includes(custom)) return { ok: true, point: { name, stage: custom, perService: false } };
  const known = listHookPoints(customStages);
  const why = custom !== undefined && !BUILT_IN_STAGE[`pre_${custom}`] ? ` (no stage "${custom}" under stages:)` : '';
  const near = suggestNames(name, known);
  return { ok: false, message: `unknown hook point "${name}"${near || `${why}; the points are ${known.join(', ')}`}` };
}
