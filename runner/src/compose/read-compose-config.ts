// Compose's own merged model of a selection as JSON text (`docker compose config --format json`), for the features that read it.
import type { Deps } from '../shared/deps';
import { runCompose } from './compose';
import { buildComposeArgv, type ComposeProject } from './core/compose-argv';

export interface ComposeConfigQuery {
  project: ComposeProject;
  files: readonly string[];
  /** The compose env (may hold secrets: it travels by environment; the text stays in memory). */
  env: Readonly<Record<string, string>>;
  /** Masked in compose's error, which can quote interpolated values. */
  secretValues?: readonly string[];
}

export async function readComposeConfigJson(deps: Deps, query: ComposeConfigQuery): Promise<string> {
  const argv = buildComposeArgv(query.project, query.files, 'config', ['--format', 'json']);
  const result = await runCompose(deps, argv, { env: query.env, stdio: 'capture', secretValues: query.secretValues ?? [] });
  return result.stdout;
}
