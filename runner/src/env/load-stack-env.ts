// The one loader of the stack's env: plans the sources, reads the files (sops through the decryptor), merges them, builds compose's env.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { compareCodePoints } from '../shared/core/compare-code-points';
import type { EnvConfig } from '../descriptor/core/env-config-schema';
import type { EnvLayer } from './core/merge-env-layers';
import { mergeStackEnv, type MergedStackEnv } from './core/merge-stack-env';
import { planEnvSources } from './core/plan-env-sources';
import { buildComposeEnv, selectSecretValues } from './core/build-compose-env';
import { EnvError } from '../shared/core/errors';
import { readEnvLayers, type SopsEnvReader } from './read-env-layers';
import { readSopsEnvFile } from '../secrets/sops-env-file';

export interface LoadStackEnvOptions {
  home: string;
  /** The runner's environment: the last place a reference looks, and where sops finds age identities. */
  env: Readonly<Record<string, string | undefined>>;
  /** The descriptor's `prepare.env` (parsed; DEFAULT_ENV_SOURCES when absent). */
  config: EnvConfig;
  /** Services whose per-service layers are read; default: every directory in stacks/. */
  services?: readonly string[];
  /** The selected site; default: HARBOR_SITE from `env`. */
  site?: string;
  /** Default: readSopsEnvFile. */
  readSops?: SopsEnvReader;
}

export interface LoadedStackEnv extends MergedStackEnv {
  layers: EnvLayer[];
  /** The process environment compose runs with (buildComposeEnv), secrets included: never argv, never logs. */
  composeEnv: Record<string, string>;
  /** The secret values in it, longest first: redacted wherever Harbor prints compose output. */
  secretValues: string[];
}

/**
 * @example const stack = await loadStackEnv({ home: deps.home, env: deps.env, config: descriptor.prepare.env })
 *          await deps.run(argv, { env: stack.composeEnv })
 */
export async function loadStackEnv(options: LoadStackEnvOptions): Promise<LoadedStackEnv> {
  const services = options.services ?? (await listServiceDirs(options.home));
  const site = options.site ?? (options.env.HARBOR_SITE || undefined);
  const plan = planEnvSources(options.config.sources, { services, ...(site !== undefined && { site }) });
  const layers = await readEnvLayers(plan, { home: options.home, env: options.env, readSops: options.readSops ?? readSopsEnvFile });
  const stack = mergeStackEnv(layers, services, options.env);
  return {
    ...stack,
    layers,
    warnings: [...plan.warnings, ...stack.warnings],
    composeEnv: buildComposeEnv(stack.merged, stack.services),
    secretValues: selectSecretValues(stack.merged),
  };
}

/** The directories in stacks/, in code-point order. */
export async function listServiceDirs(home: string): Promise<string[]> {
  try {
    const entries = await readdir(join(home, 'stacks'), { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort(compareCodePoints);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new EnvError(`cannot read stacks/: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, { cause: err });
  }
}
