// Reads templates, renders them in memory, and reads what var/run/ holds now: what prepare and plan both start from.
import { buildTemplateJobs } from './core/build-template-jobs';
import { planTemplates } from './core/plan-templates';
import type { CurrentTree, PlannedTree } from './core/rendered-tree';
import type { TemplateManifest } from './core/template-manifest';
import { buildTemplateValues, type TemplateEnv } from './core/template-values';
import type { InterpolationConfig, TemplatesConfig } from '../descriptor/core/templates-config-schema';
import { readCurrentTree, readTemplateManifest } from './template-manifest-file';
import { readTemplateFiles } from './read-template-files';

export interface TemplatesInput {
  /** `prepare.templates` (validated: defaults applied). */
  templates: TemplatesConfig;
  /** `prepare.interpolation` (validated). */
  interpolation: InterpolationConfig;
  /** The merged env: every value, and which names are secret. */
  env: TemplateEnv;
  /** The services being prepared (`${service}` takes each); other services' files are left alone. */
  services: readonly string[];
}

export interface LoadedTemplatePlan {
  planned: PlannedTree;
  current: CurrentTree;
  previous: TemplateManifest;
  previousText: string | undefined;
}

/** Throws the template's error (file:line:col) before anything is written. */
export async function loadTemplatePlan(home: string, input: TemplatesInput): Promise<LoadedTemplatePlan> {
  const jobs = buildTemplateJobs(input.templates, input.services);
  const sets = await readTemplateFiles(home, jobs);
  const values = buildTemplateValues(input.env, input.interpolation);
  const planned = planTemplates({ sets, values, tmplEngine: input.interpolation.engine, services: input.services });
  const { manifest: previous, text: previousText } = await readTemplateManifest(home);
  const current = await readCurrentTree(home, previous, planned.files.keys());
  return { planned, current, previous, previousText };
}
