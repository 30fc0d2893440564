// `harbor run SERVICE [COMMAND...]` when SERVICE is not a stage: a one-off container of the service (v1's `run`).
import { runCompose } from '../compose';
import { isInteractiveTerminal } from '../../shared/terminal';
import { buildComposeArgv } from '../core/compose-argv';
import { buildComposeCallArgv } from '../model/compose-call-argv';
import type { Deps } from '../../shared/deps';
import { resolveSource, type SourceOptions } from '../../stack/resolve-source';
import { prepareStack } from '../../stack/stack';

/**
 * Prepares the default services plus this one, then `docker compose run --rm SERVICE COMMAND...` with their files
 * and the overlay, so the container joins the stack network and can reach running services. Returns the command's
 * own exit code.
 * @example await runServiceOneOff(deps, 'hello', ['cat', '/www/index.html'])
 */
export async function runServiceOneOff(deps: Deps, service: string, command: readonly string[], options: SourceOptions = {}): Promise<number> {
  const source = await resolveSource(deps, { ...options, handles: [...(options.handles ?? []), service] });
  // The container gets what an `up` would give it (env, rendered config, overlay); the lock is not held while it runs.
  const stack = await prepareStack(deps, source, { command: 'harbor run' });
  const flags = ['--rm', ...(isInteractiveTerminal() ? [] : ['-T'])];
  const planned = buildComposeArgv(stack.project, stack.files, 'run', [...flags, service, ...command]);
  const argv = await buildComposeCallArgv(deps, stack.project, stack.files, { composeEnv: stack.composeEnv, secretValues: stack.secretValues }, planned);
  return (await runCompose(deps, argv, { env: stack.composeEnv, check: false })).code;
}
