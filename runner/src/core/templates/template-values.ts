// Builds the values templates see: descriptor extras, overridden by the merged env unless `fromEnv: false`.
import type { InterpolationConfig } from './templates-config-schema';

/** The merged env as templates need it (the env layers' MergedEnv adapts to this). */
export interface TemplateEnv {
  values: ReadonlyMap<string, string>;
  secretNames: ReadonlySet<string>;
}

/** What a template may reference: every value, and which of them are secret. */
export interface TemplateValues {
  values: ReadonlyMap<string, string>;
  secretNames: ReadonlySet<string>;
}

/**
 * Extras come first so that the env layers (a site file, `.env.local`) can still override them; a name's
 * secrecy follows the value that wins, so an extra never makes an env secret visible.
 * @example buildTemplateValues({ values: new Map([['A', '1']]), secretNames: new Set() }, { engine: 'envsubst', values: { fromEnv: true, extra: { B: 2 } } }).values // Map { 'B' => '2', 'A' => '1' }
 */
export function buildTemplateValues(env: TemplateEnv, interpolation: InterpolationConfig): TemplateValues {
  const values = new Map<string, string>();
  const secretNames = new Set<string>();
  for (const [name, value] of Object.entries(interpolation.values.extra)) values.set(name, String(value));
  if (interpolation.values.fromEnv) {
    for (const [name, value] of env.values) {
      values.set(name, value);
      if (env.secretNames.has(name)) secretNames.add(name);
    }
  }
  return { values, secretNames };
}
