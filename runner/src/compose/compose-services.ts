// Asks compose which services a selection defines (`docker compose config --services`), with the stack's env.
import { buildComposeArgv, type ComposeProject } from './core/compose-argv';
import type { Deps } from '../shared/deps';
import { runCompose } from './compose';

/**
 * Compose interpolates and validates the whole model to answer, so a broken compose file or a missing required
 * variable fails here, before prepare writes anything. Its error text is redacted of `secretValues`.
 * @example await readComposeServices(deps, source.project, source.selection.files, { env: composeEnv, secretValues }) // ['greeter', 'hello']
 */
export async function readComposeServices(
  deps: Deps,
  project: ComposeProject,
  files: readonly string[],
  options: { env: Readonly<Record<string, string>>; secretValues: readonly string[] },
): Promise<string[]> {
  const argv = buildComposeArgv(project, files, 'config', ['--services']);
  const result = await runCompose(deps, argv, { env: options.env, stdio: 'capture', secretValues: options.secretValues });
  return result.stdout.split('\n').map((line) => line.trim()).filter(Boolean).sort();
}
