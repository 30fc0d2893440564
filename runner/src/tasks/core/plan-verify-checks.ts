// Plans the verify checks of a deployed stack: which tests folders run, in which service's image, with which env names.

export interface VerifyCheck {
  /** A label and the folder name under var/run/verify/. */
  name: string;
  /** The tests folder, relative to the home (it holds test.sh). */
  path: string;
  /** The service whose image, network and volumes the check runs with (`compose run --no-deps`). */
  service: string;
}

export interface VerifyParams {
  services?: string[];
  checks?: { path: string; service: string; name?: string }[];
}

/**
 * `stacks/<service>/verify/` of each service (listed, else the stack's selected ones, kept when the folder
 * exists), then the extra checks of the step.
 * @example planVerifyChecks({}, ['hello'], (p) => p === 'stacks/hello/verify') // [{ name: 'hello', path: 'stacks/hello/verify', service: 'hello' }]
 */
export function planVerifyChecks(params: VerifyParams, selected: readonly string[], hasTests: (path: string) => boolean): VerifyCheck[] {
  const out: VerifyCheck[] = [];
  for (const service of params.services ?? selected) {
    const path = `stacks/${service}/verify`;
    if (params.services !== undefined || hasTests(path)) out.push({ name: service, path, service });
  }
  for (const c of params.checks ?? []) out.push({ name: c.name ?? `${c.service}-${c.path.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '')}`, path: c.path.replace(/\/+$/, ''), service: c.service });
  return out;
}

/**
 * The stack env names a check sees: every one, minus those holding a secret value unless `secrets` is on.
 * @example selectVerifyEnvNames({ A: '1', TOKEN: 's' }, ['s'], false) // ['A']
 */
export function selectVerifyEnvNames(env: Readonly<Record<string, string>>, secretValues: readonly string[], secrets: boolean): string[] {
  const secret = new Set(secretValues);
  return Object.keys(env).filter((k) => secrets || !secret.has(env[k]!)).sort();
}
