// Summarises a valid descriptor for `harbor descriptor check`: its stages with step counts, profiles and compose dir.
import type { Descriptor } from './descriptor-schema';
import { selectStage, selectStageNames } from './select-stage';

export interface DescriptorSummary {
  stages: Array<{ name: string; steps: number; default: boolean }>;
  profiles: string[];
  composeDir: string;
}

/** @example buildDescriptorSummary(DEFAULT_DESCRIPTOR).stages[0] // { name: 'deploy', steps: 1, default: true } */
export function buildDescriptorSummary(descriptor: Descriptor): DescriptorSummary {
  const stages = selectStageNames(descriptor).map((name) => {
    const own = name === 'deploy' || name === 'post_deploy' || name === 'destroy' ? descriptor[name] : descriptor.stages[name];
    return { name, steps: selectStage(descriptor, name)!.length, default: own === undefined };
  });
  return { stages, profiles: Object.keys(descriptor.profiles), composeDir: descriptor.source.rules.dir };
}

/** `deploy (1 step), post_deploy (default: no steps), ...; profiles: default, llm; compose files from etc/stacks` */
export function renderDescriptorSummary(summary: DescriptorSummary): string {
  const stages = summary.stages
    .map((s) => `${s.name} (${s.default ? 'default: ' : ''}${s.steps === 0 ? 'no steps' : `${s.steps} step${s.steps === 1 ? '' : 's'}`})`)
    .join(', ');
  const profiles = summary.profiles.length ? summary.profiles.join(', ') : 'none';
  return `stages: ${stages}; profiles: ${profiles}; compose files from ${summary.composeDir}`;
}
