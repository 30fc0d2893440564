// Picks a stage's steps from the descriptor, falling back to the built-in defaults for deploy, post_deploy and destroy.
import type { Descriptor, Step } from './descriptor-schema';

/** What a descriptor without these stages does (v1's `up` and `down`). */
export const DEFAULT_STAGE_STEPS: Readonly<Record<'deploy' | 'post_deploy' | 'destroy', readonly Step[]>> = {
  deploy: [{ action: 'compose.up' }],
  post_deploy: [],
  // removeOrphans is compose.down's default too: written out so `harbor destroy --dry-run` says what it does.
  destroy: [{ action: 'compose.down', removeOrphans: true }],
};

/**
 * The steps of a stage that runs steps, or undefined when `name` is no such stage (`source` and `prepare` are
 * built in and have no steps).
 * @example selectStage(DEFAULT_DESCRIPTOR, 'deploy') // [{ action: 'compose.up' }]
 */
export function selectStage(descriptor: Descriptor, name: string): readonly Step[] | undefined {
  if (name === 'deploy' || name === 'post_deploy' || name === 'destroy') return descriptor[name]?.steps ?? DEFAULT_STAGE_STEPS[name];
  return Object.hasOwn(descriptor.stages, name) ? descriptor.stages[name]!.steps : undefined;
}

/** Every stage `harbor run` can run with the engine, built-in ones first. */
export function selectStageNames(descriptor: Descriptor): string[] {
  return ['deploy', 'post_deploy', 'destroy', ...Object.keys(descriptor.stages)];
}
