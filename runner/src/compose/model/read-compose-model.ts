// Asks Harbor's compose model for a selection; when the model declines, says why at debug level so the caller asks compose.
import type { ComposeProject } from '../core/compose-argv';
import { redactSecrets } from '../../shared/core/redact-secrets';
import type { Deps } from '../../shared/deps';
import { ComposeModelUnsupported, type ModelMap } from './core/model-tree';
import { loadComposeModel } from './load-compose-model';

export type ComposeModelAnswer = { model: ModelMap; unsupported?: undefined } | { model?: undefined; unsupported: string };

/**
 * The model for these files with the env compose would get (the runner's environment, the stack's compose env
 * over it). Never throws for an input the model does not reproduce: it answers `unsupported` (and logs it with
 * --debug), and the caller falls back to `docker compose`.
 */
export function readComposeModel(
  deps: Deps,
  project: ComposeProject,
  files: readonly string[],
  env: { composeEnv: Readonly<Record<string, string>>; secretValues: readonly string[] },
): ComposeModelAnswer {
  try {
    return { model: loadComposeModel({ project, files, env: { ...deps.env, ...env.composeEnv } }) };
  } catch (err) {
    if (!(err instanceof ComposeModelUnsupported)) throw err;
    // The reason may quote an interpolated value: secret values never reach the log.
    const reason = redactSecrets(err.message, env.secretValues);
    deps.log.withTag('compose-model').debug(`${reason}: falling back to docker compose`);
    return { unsupported: reason };
  }
}
