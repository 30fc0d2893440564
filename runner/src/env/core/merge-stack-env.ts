// Merges the env of a whole stack: one merge for compose interpolation, and one per service for its containers.
import { mergeEnvLayers, type EnvLayer, type MergedEnv } from './merge-env-layers';

export interface ServiceEnv {
  service: string;
  /** The merge this service sees: every layer without a service, plus this service's own layers. */
  env: MergedEnv;
  /** The names its containers receive: those its own layers set or declare, and that are set somewhere. */
  keys: string[];
}

export interface MergedStackEnv {
  /** Every layer, each service's in service order: what compose files interpolate (`${NAME}`). */
  merged: MergedEnv;
  services: ServiceEnv[];
  /** Deduplicated, for the command to log. */
  warnings: string[];
}

/**
 * Merges `layers` (lowest first) for the stack and for each of `services`. Layers read once per service
 * (`${service}` in a source's file) carry `service`; the others are shared.
 * @example mergeStackEnv(layers, ['web'], deps.env).services[0].keys // ['PORT', 'DB_PASSWORD']
 */
export function mergeStackEnv(layers: readonly EnvLayer[], services: readonly string[], runnerEnv: Readonly<Record<string, string | undefined>>): MergedStackEnv {
  const stack = mergeEnvLayers(layers, runnerEnv);
  const warnings = new Set(stack.warnings);
  const perService = services.map((service): ServiceEnv => {
    const own = layers.filter((layer) => layer.service === undefined || layer.service === service);
    const merge = mergeEnvLayers(own, runnerEnv);
    for (const warning of merge.warnings) warnings.add(warning);
    const declared = merge.layerKeys.filter((l) => l.service === service).flatMap((l) => l.keys);
    const keys = [...new Set(declared)].filter((key) => merge.env.has(key));
    return { service, env: merge.env, keys };
  });
  return { merged: stack.env, services: perService, warnings: [...warnings] };
}
