// The descriptor's `prepare` section, assembled from the env and templates owners' sub-schemas.
import * as v from 'valibot';
import { InterpolationConfigSchema, TemplatesConfigSchema } from '../templates/templates-config-schema';

// Placeholder until runner/src/core/env/env-config-schema.ts exists.
const EnvConfigSchema = v.optional(v.unknown());

/**
 * The prepare stage: env layers, config templates and their interpolation. Each sub-schema brings its defaults.
 * @example { templates: [{ from: 'stacks/${service}/templates/**', to: 'var/run/${service}/config/' }] }
 */
export const PrepareSchema = v.strictObject({
  /** Env layers (docs/Harbor-Env.md). @example { sources: [{ type: 'sys', file: 'etc/sys.env', optional: true }] } */
  env: EnvConfigSchema,
  /** Config templates rendered into var/run/. @example [{ from: 'stacks/${service}/templates/**' }] */
  templates: TemplatesConfigSchema,
  /** How templates are interpolated. @example { engine: 'liquid' } */
  interpolation: InterpolationConfigSchema,
});
