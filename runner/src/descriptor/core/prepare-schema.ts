// The descriptor's `prepare` section, assembled from the env and templates owners' sub-schemas.
import * as v from 'valibot';
import { EnvConfigSchema } from './env-config-schema';
import { InterpolationConfigSchema, TemplatesConfigSchema } from './templates-config-schema';

/**
 * The prepare stage: env layers, config templates and their interpolation. Each sub-schema brings its defaults.
 * @example { env: { sources: [{ type: 'sys', optional: true }] }, templates: [{ from: 'stacks/${service}/templates/**' }] }
 */
export const PrepareSchema = v.strictObject({
  /** Env layers, lowest precedence first (docs/Harbor-Env.md). @example { sources: [{ type: 'sys', file: 'etc/sys.env', optional: true }] } */
  env: EnvConfigSchema,
  /** Config templates rendered into var/run/. @example [{ from: 'stacks/${service}/templates/**' }] */
  templates: TemplatesConfigSchema,
  /** How templates are interpolated. @example { engine: 'liquid' } */
  interpolation: InterpolationConfigSchema,
  /**
   * `harbor destroy` also removes what prepare wrote into var/run/: the rendered templates (per the manifest),
   * the generated overlay and prepare's state. Default false: they stay for the next deploy.
   * @example true
   */
  cleanOnDestroy: v.optional(v.pipe(v.boolean(), v.description('Remove the rendered templates, the generated overlay and the prepare state on destroy')), false),
});
