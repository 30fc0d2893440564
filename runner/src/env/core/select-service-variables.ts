// Decides, for each name a service's containers receive, which process variable carries its value to compose.
import { createHash } from 'node:crypto';
import type { Secret } from '../../shared/core/secret';
import type { MergedEnv, MergedEnvEntry } from './merge-env-layers';
import type { ServiceEnv } from './merge-stack-env';

export interface ServiceVariable {
  /** The name inside the container. */
  key: string;
  /** The variable of compose's process env that holds the value: `key` itself, or a namespaced one. */
  variable: string;
  entry: MergedEnvEntry;
}

const INTERPOLABLE = /^[_A-Za-z][_A-Za-z0-9]*$/;

/**
 * Names that steer the `docker compose` process itself (where it finds docker, its config, which engine): an env
 * layer may set them for containers, but they never replace the runner's own in compose's environment.
 * As in Compose, where the OS environment wins over .env, `${PATH}` in a compose file sees the runner's value.
 */
export function isProcessName(name: string): boolean {
  return name === 'PATH' || name === 'HOME' || name.startsWith('DOCKER_');
}

/**
 * A service's value travels as `${KEY}` when the stack-wide value is the same; otherwise (two services set
 * KEY differently, KEY is no name compose can interpolate, like `a.b`, or KEY steers compose itself, like PATH)
 * as `${HARBOR_SVC_<SERVICE>__<KEY>}`.
 * @example selectServiceVariables(merged, web).map((v) => v.variable) // ['PORT', 'HARBOR_SVC_WEB__LOG_LEVEL']
 */
export function selectServiceVariables(merged: MergedEnv, service: ServiceEnv): ServiceVariable[] {
  return service.keys.map((key) => {
    const entry = service.env.get(key)!;
    const shared = merged.get(key);
    const same = INTERPOLABLE.test(key) && !isProcessName(key) && shared !== undefined && plaintext(shared.value) === plaintext(entry.value);
    return { key, variable: same ? key : namespacedVariable(service.service, key), entry };
  });
}

/** HARBOR_SVC_<SERVICE>__<KEY>, upper-cased service; a key with other characters gets a short digest to stay unique. */
export function namespacedVariable(service: string, key: string): string {
  const svc = service.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  if (INTERPOLABLE.test(key)) return `HARBOR_SVC_${svc}__${key}`;
  const digest = createHash('sha256').update(key).digest('hex').slice(0, 8);
  return `HARBOR_SVC_${svc}__${key.replace(/[^A-Za-z0-9_]/g, '_')}_${digest}`;
}

// Comparison only: the plaintext never leaves this function.
function plaintext(value: string | Secret): string {
  return typeof value === 'string' ? value : value.reveal();
}
