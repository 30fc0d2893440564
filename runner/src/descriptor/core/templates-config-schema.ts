// The valibot schemas of the descriptor's `prepare.templates` and `prepare.interpolation` sections.
import * as v from 'valibot';
import { describeNotInRelease } from './not-in-release';

/** Template engines Harbor knows. */
export const TEMPLATE_ENGINES = ['envsubst', 'liquid'] as const;
export type TemplateEngine = (typeof TEMPLATE_ENGINES)[number];

/** An engine the brief names but this release lacks gets what to use instead; any other name valibot's own message. */
const engineSchema = v.picklist(
  TEMPLATE_ENGINES,
  (issue) => describeNotInRelease('engine', String(issue.input)) ?? `Invalid type: Expected ${issue.expected} but received ${issue.received}`,
);

/** Used when the descriptor has no `prepare.templates`: each service's template folder into its config folder. */
export const DEFAULT_TEMPLATES: readonly TemplateEntry[] = [
  { from: 'stacks/${service}/templates/**', to: 'var/run/${service}/config/', secrets: false },
];

export const DEFAULT_TEMPLATE_TO = 'var/run/${service}/config/';

/** One `prepare.templates[]` entry. */
export const TemplateEntrySchema = v.strictObject({
  /**
   * A glob (tinyglobby syntax) relative to the home; `${service}` is replaced by each selected service.
   * The folder before the first glob character is the template folder: output paths are relative to it, and
   * liquid includes and symlinks may not leave it.
   * @example 'stacks/${service}/templates/**'
   */
  from: v.pipe(
    v.string(),
    v.minLength(1, 'must not be empty'),
    v.description('Glob of template files, relative to the home; ${service} is replaced by each service'),
  ),
  /**
   * Where the files go, relative to the home and always inside `var/run/`. A trailing `/` means a folder
   * (each file keeps its path below the template folder); without it, a single file's exact output path.
   * @example 'var/run/${service}/config/'
   */
  to: v.optional(
    v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.description('Output folder (trailing /) or file, inside var/run/')),
    DEFAULT_TEMPLATE_TO,
  ),
  /**
   * Renders every text file of this entry with this engine. Without it, only files ending in `.liquid`
   * (liquid) or `.tmpl` (`prepare.interpolation.engine`, default envsubst) are rendered; others are copied.
   * @example 'liquid'
   */
  engine: v.optional(v.pipe(engineSchema, v.description('Engine for every text file of this entry'))),
  /**
   * Allows these templates to use secret values; files that do are written with mode 0600.
   * @example true
   */
  secrets: v.optional(v.pipe(v.boolean(), v.description('Allow secret values in these templates (files become mode 0600)')), false),
});

/**
 * `prepare.templates`: which template files to render and where.
 * @example [{ from: 'stacks/${service}/templates/**', to: 'var/run/${service}/config/' }]
 */
export const TemplatesConfigSchema = v.optional(v.array(TemplateEntrySchema), () => DEFAULT_TEMPLATES.map((entry) => ({ ...entry })));

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `prepare.interpolation.values`: where template values come from. */
export const InterpolationValuesSchema = v.strictObject({
  /**
   * Whether the merged env (all env layers and secrets) is visible to templates.
   * @example false
   */
  fromEnv: v.optional(v.pipe(v.boolean(), v.description('Expose the merged env to templates')), true),
  /**
   * Extra template values. The merged env overrides them, so a site file or `.env.local` can still change them.
   * @example { TRAEFIK_TLS: 'true' }
   */
  extra: v.optional(
    v.record(
      v.pipe(v.string(), v.regex(VARIABLE_NAME, 'must be a variable name: letters, digits and _, not starting with a digit')),
      v.union([v.string(), v.number(), v.boolean()], 'must be a string, a number or a boolean'),
    ),
    {},
  ),
});

/**
 * `prepare.interpolation`: the default engine for `.tmpl` files and the values templates see.
 * @example { engine: 'envsubst', values: { fromEnv: true, extra: { TRAEFIK_TLS: 'true' } } }
 */
export const InterpolationConfigSchema = v.optional(
  v.strictObject({
    /**
     * The engine for `.tmpl` files of entries without `engine:`.
     * @example 'liquid'
     */
    engine: v.optional(v.pipe(engineSchema, v.description('Engine for .tmpl files')), 'envsubst'),
    values: v.optional(InterpolationValuesSchema, () => ({ fromEnv: true, extra: {} })),
  }),
  () => ({ engine: 'envsubst' as const, values: { fromEnv: true, extra: {} } }),
);

export interface TemplateEntry {
  from: string;
  to: string;
  engine?: TemplateEngine | undefined;
  secrets: boolean;
}
export type TemplatesConfig = TemplateEntry[];
export type InterpolationConfig = v.InferOutput<typeof InterpolationConfigSchema>;
