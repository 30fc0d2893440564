// Decides, for each name a service's containers receive, which process variable carries its value to compose.
import { createHash } from 'node:crypto';
import type { Secret } from '../secret';
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
 * A service's value travels as `${KEY}` when the stack-wide value is the same; otherwise (two services set
 * KEY differently, or KEY is no name compose can interpolate, like `a.b`) as `${HARBOR_SVC_<SERVICE>__<KEY>}`.
 * @example selectServiceVariables(merged, web).map((v) => v.variable) // ['PORT', 'HARBOR_SVC_WEB__LOG_LEVEL']
 */
export function selectServiceVariables(merged: MergedEnv, service: ServiceEnv): ServiceVariable[] {
  return service.keys.map((key) => {
    const entry = service.env.get(key)!;
    const shared = merged.get(key);
    const same = INTERPOLABLE.test(key) && shared !== undefined && plaintext(shared.value) === plaintext(entry.value);
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
