// Builds the environment a hook gets: the HARBOR_* variables, the merged env without secrets, and secrets when asked.
import type { PlannedHook } from './plan-hooks';

export interface HookEnvInput {
  planned: PlannedHook;
  project: string;
  home: string;
  services: readonly string[];
  options: readonly string[];
  /** Compose files relative to the home, in -f order. */
  files: readonly string[];
  /** The merged env (secrets included). */
  composeEnv: Readonly<Record<string, string>>;
  secretValues: readonly string[];
}

/**
 * Without `secrets: true` every variable whose value is a secret value is left out (so a plain variable that
 * happens to hold the same value is left out too: never a leak). HARBOR_* set here win over the merged env.
 * @example buildHookEnv({ planned, project: 'demo', home: '/h', services: ['hello'], options: [], files: ['etc/stacks/compose.yml'], composeEnv: { A: '1', TOKEN: 's' }, secretValues: ['s'] })
 * // { A: '1', HARBOR_HOOK: 'pre_deploy', HARBOR_HOOK_NAME: 'migrate', HARBOR_STAGE: 'deploy', HARBOR_PROJECT: 'demo', HARBOR_HOME: '/h', HARBOR_SERVICES: 'hello', HARBOR_OPTIONS: '', HARBOR_FILES: 'etc/stacks/compose.yml' }
 */
export function buildHookEnv(input: HookEnvInput): Record<string, string> {
  const secrets = new Set(input.secretValues.filter((s) => s !== ''));
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.composeEnv)) {
    if (input.planned.hook.secrets === true || !secrets.has(value)) env[name] = value;
  }
  const { planned } = input;
  Object.assign(env, {
    HARBOR_HOOK: planned.point,
    HARBOR_HOOK_NAME: planned.name,
    HARBOR_STAGE: planned.stage,
    HARBOR_PROJECT: input.project,
    HARBOR_HOME: input.home,
    HARBOR_SERVICES: input.services.join(' '),
    HARBOR_OPTIONS: input.options.join(' '),
    // Colon-separated, as COMPOSE_FILE.
    HARBOR_FILES: input.files.join(':'),
  });
  if (planned.service !== undefined) env.HARBOR_SERVICE = planned.service;
  // Which of the hook's variables came from the merged env (a ts_routine's ctx.env tells them from the image's own).
  env.HARBOR_HOOK_ENV_NAMES = Object.keys(env).filter((n) => !n.startsWith('HARBOR_')).sort().join(' ');
  return env;
}
