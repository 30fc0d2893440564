// What `harbor env` and `harbor env explain` share: options, and loading the merged env they print.
import { randomBytes } from 'node:crypto';
import * as v from 'valibot';
import type { OptionSpec } from '../../shared/command-spec';
import { ACTIONS } from '../../workflow/action-registry';
import { loadHomeDescriptor } from '../../source/load-home-descriptor';
import { loadStackEnv } from '../load-stack-env';
import type { MergedEnv } from '../core/merge-env-layers';
import { maskSecret } from '../core/mask-secret';
import type { Secret } from '../../shared/core/secret';
import type { Deps } from '../../shared/deps';

export const ENV_OPTIONS: readonly OptionSpec[] = [
  { flags: '--service <name>', description: 'The env that service sees: shared layers plus its own (stacks/<name>/service.env, ...)' },
  { flags: '--site <name>', description: 'Read etc/sites/<name>.env instead of etc/site.env (default: $HARBOR_SITE)' },
  { flags: '--stack <name>', description: 'Merge stacks/<name>/harbor.yaml over etc/harbor.yaml (its prepare.env)' },
  { flags: '--show-secrets', description: 'Print secret values instead of [secret <tag>] (they reach your terminal)' },
  { flags: '--json', description: 'Print JSON instead of text' },
];

const name = v.pipe(v.string(), v.minLength(1, 'needs a name'));
export const envOptionEntries = {
  service: v.optional(name),
  site: v.optional(name),
  stack: v.optional(name),
  showSecrets: v.optional(v.boolean(), false),
  json: v.optional(v.boolean(), false),
};

export interface EnvCommandOptions {
  service?: string | undefined;
  site?: string | undefined;
  stack?: string | undefined;
  showSecrets: boolean;
}

export interface CommandEnv {
  env: MergedEnv;
  /** Reveals or masks a secret for printing, per --show-secrets; tags are keyed per run. */
  show: (secret: Secret) => string;
}

/** Loads the descriptor's prepare.env, reads and merges the layers, logs the warnings. */
export async function loadCommandEnv(deps: Deps, options: EnvCommandOptions): Promise<CommandEnv> {
  const { descriptor } = await loadHomeDescriptor(deps.home, { stack: options.stack, actions: ACTIONS });
  const stack = await loadStackEnv({
    home: deps.home,
    env: deps.env,
    config: descriptor.prepare.env,
    ...(options.service !== undefined && { services: [options.service] }),
    ...(options.site !== undefined && { site: options.site }),
  });
  const log = deps.log.withTag('env');
  for (const warning of stack.warnings) log.warn(warning);
  const runKey = randomBytes(32);
  const show = options.showSecrets ? (s: Secret) => s.reveal() : (s: Secret) => maskSecret(s, runKey);
  return { env: options.service !== undefined ? stack.services[0]!.env : stack.merged, show };
}
