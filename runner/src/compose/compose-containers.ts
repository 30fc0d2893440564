// Reads the project's running containers (`docker compose ps --format json`): services, states and published ports.
import { buildComposeArgv, type ComposeProject } from './core/compose-argv';
import { parseComposePs, type ComposeContainer } from './core/compose-ps';
import type { Deps } from '../shared/deps';
import { runCompose } from './compose';

/** `all` includes stopped containers (`ps -a`). */
export async function readComposeContainers(
  deps: Deps,
  project: ComposeProject,
  files: readonly string[],
  options: { env?: Readonly<Record<string, string>>; all?: boolean } = {},
): Promise<ComposeContainer[]> {
  const args = ['--format', 'json', ...(options.all ? ['--all'] : [])];
  const result = await runCompose(deps, buildComposeArgv(project, files, 'ps', args), { env: options.env ?? {}, stdio: 'capture' });
  return parseComposePs(result.stdout);
}
