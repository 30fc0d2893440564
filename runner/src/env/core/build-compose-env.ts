// Builds the environment handed to `docker compose`: the one place where secret values are revealed.
import type { Secret } from '../../shared/core/secret';
import type { MergedEnv } from './merge-env-layers';
import type { ServiceEnv } from './merge-stack-env';
import { isProcessName, selectServiceVariables } from './select-service-variables';

/**
 * Every merged value (compose files interpolate them as `${NAME}`, as v1's .env) except PATH, HOME and DOCKER_*,
 * which stay the runner's (isProcessName), plus the namespaced variables the env overlay references. Pass the result as
 * RunOptions.env only: never log it, never put it on argv.
 * @example buildComposeEnv(stack.merged, stack.services) // { DOMAIN: 'example.com', HARBOR_SVC_WEB__PORT: '8080' }
 */
export function buildComposeEnv(merged: MergedEnv, services: readonly ServiceEnv[] = []): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, entry] of merged) if (!isProcessName(key)) env[key] = reveal(entry.value);
  for (const service of services) {
    for (const { key, variable, entry } of selectServiceVariables(merged, service)) {
      if (variable !== key) env[variable] = reveal(entry.value);
    }
  }
  return env;
}

function reveal(value: string | Secret): string {
  return typeof value === 'string' ? value : value.reveal();
}

/**
 * The plaintext of every secret value, longest first: for redacting compose's own output (`harbor config`).
 * Keep the result in memory only, like the compose env.
 */
export function selectSecretValues(merged: MergedEnv): string[] {
  const values = new Set<string>();
  for (const entry of merged.values()) if (entry.secret && typeof entry.value !== 'string') values.add(entry.value.reveal());
  values.delete('');
  return [...values].sort((a, b) => b.length - a.length);
}
