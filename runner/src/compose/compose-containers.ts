// Reads the project's running containers (`docker compose ps --format json`): services, states and published ports.
import { buildComposeArgv, type ComposeProject } from './core/compose-argv';
import { parseComposePs, type ComposeContainer } from './core/compose-ps';
import type { Deps } from '../shared/deps';
import { runCompose } from './compose';
import { buildComposeCallArgv } from './model/compose-call-argv';

/**
 * `all` includes stopped containers (`ps -a`). With `secretValues` (the stack's, possibly none) compose gets
 * Harbor's single merged file (docs/compose-model.md); without them the N files, since only they tell which
 * values must stay `${NAME}` references in that file.
 */
export async function readComposeContainers(
  deps: Deps,
  project: ComposeProject,
  files: readonly string[],
  options: { env?: Readonly<Record<string, string>>; all?: boolean; secretValues?: readonly string[] } = {},
): Promise<ComposeContainer[]> {
  const args = ['--format', 'json', ...(options.all ? ['--all'] : [])];
  const env = options.env ?? {};
  const planned = buildComposeArgv(project, files, 'ps', args);
  const argv = options.secretValues === undefined ? planned : await buildComposeCallArgv(deps, project, files, { composeEnv: env, secretValues: options.secretValues }, planned);
  const result = await runCompose(deps, argv, { env, stdio: 'capture', ...(options.secretValues && { secretValues: options.secretValues }) });
  return parseComposePs(result.stdout);
}
