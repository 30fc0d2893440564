// Builds the values templates see: descriptor extras, overridden by the merged env unless `fromEnv: false`.
import type { MergedEnv } from '../../env/core/merge-env-layers';
import { Secret } from '../../shared/core/secret';
import type { InterpolationConfig } from '../../descriptor/core/templates-config-schema';

/**
 * The merged env as templates need it. A secret may travel as a `Secret` (revealed only where a template
 * that may use it is rendered) or as a plain string named in `secretNames`.
 */
export interface TemplateEnv {
  values: ReadonlyMap<string, string | Secret>;
  secretNames: ReadonlySet<string>;
}

/** What a template may reference: every value, and which of them are secret. */
export interface TemplateValues {
  values: ReadonlyMap<string, string | Secret>;
  secretNames: ReadonlySet<string>;
}

/**
 * Adapts the env layers' merge result: values keep their `Secret` wrappers.
 * @example buildTemplateEnv(merged).secretNames // Set { 'DB_PASSWORD' }
 */
export function buildTemplateEnv(merged: MergedEnv): TemplateEnv {
  const values = new Map<string, string | Secret>();
  const secretNames = new Set<string>();
  for (const [name, entry] of merged) {
    values.set(name, entry.value);
    if (entry.secret || entry.value instanceof Secret) secretNames.add(name);
  }
  return { values, secretNames };
}

/** The plain value (a Secret revealed): call only where the value goes into rendered output. */
export function revealValue(value: string | Secret | undefined): string | undefined {
  return value instanceof Secret ? value.reveal() : value;
}

/**
 * Extras come first so that the env layers (a site file, `.env.local`) can still override them; a name's
 * secrecy follows the value that wins, so an extra never makes an env secret visible.
 * @example buildTemplateValues({ values: new Map([['A', '1']]), secretNames: new Set() }, { engine: 'envsubst', values: { fromEnv: true, extra: { B: 2 } } }).values // Map { 'B' => '2', 'A' => '1' }
 */
export function buildTemplateValues(env: TemplateEnv, interpolation: InterpolationConfig): TemplateValues {
  const values = new Map<string, string | Secret>();
  const secretNames = new Set<string>();
  for (const [name, value] of Object.entries(interpolation.values.extra)) values.set(name, String(value));
  if (interpolation.values.fromEnv) {
    for (const [name, value] of env.values) {
      values.set(name, value);
      if (env.secretNames.has(name) || value instanceof Secret) secretNames.add(name);
    }
  }
  return { values, secretNames };
}
