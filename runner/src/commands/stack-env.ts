// The env a stack's compose calls run with (the merged env layers, secrets included) and the secret values to redact.
import { loadStackEnv } from '../adapters/load-stack-env';
import { buildComposeEnv, selectSecretValues } from '../core/env/build-compose-env';
import type { Deps } from '../deps';
import type { ResolvedSource } from './resolve-source';

export interface StackEnv {
  /** Handed to compose through the process environment only (secrets included): never argv, never logs. */
  composeEnv: Record<string, string>;
  /** Values to redact wherever Harbor prints compose output (`harbor config`), longest first. */
  secretValues: string[];
}

/**
 * The layers of the descriptor's `prepare.env` (sys, site, the selected services' service.env, .env.local,
 * secrets) merged, so compose files interpolate `${NAME}` from them as v1's .env. Compose also sees the
 * runner's own environment and reads `<home>/.env` itself.
 */
export async function readStackEnv(deps: Deps, source: ResolvedSource): Promise<StackEnv> {
  const stack = await loadStackEnv({ home: deps.home, env: deps.env, config: source.descriptor.prepare.env, services: source.selection.services });
  for (const warning of stack.warnings) deps.log.warn(warning);
  return { composeEnv: buildComposeEnv(stack.merged, stack.services), secretValues: selectSecretValues(stack.merged) };
}
