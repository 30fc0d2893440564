// The merged model of a selection as compose's JSON text (`docker compose config --format json`), for the features that read it.
import type { Deps } from '../shared/deps';
import { runCompose } from './compose';
import { buildComposeArgv, type ComposeProject } from './core/compose-argv';
import { printComposeJson } from './model/core/print-compose-json';
import { readComposeModel } from './model/read-compose-model';

export interface ComposeConfigQuery {
  project: ComposeProject;
  files: readonly string[];
  /** The compose env (may hold secrets: it travels by environment; the text stays in memory). */
  env: Readonly<Record<string, string>>;
  /** Masked in compose's error, which can quote interpolated values. */
  secretValues?: readonly string[];
}

/**
 * Harbor's compose model printed as compose prints it (docs/compose-model.md: no compose call); when the model
 * declines the selection, compose's own `config --format json` of the N files. Either way the same text.
 */
export async function readComposeConfigJson(deps: Deps, query: ComposeConfigQuery): Promise<string> {
  const secretValues = query.secretValues ?? [];
  const answer = readComposeModel(deps, query.project, query.files, { composeEnv: query.env, secretValues });
  if (answer.model !== undefined) return printComposeJson(answer.model);
  return readComposeConfigJsonFromCompose(deps, query);
}

/** compose's own `config --format json` of the N files: for a caller that already knows the model declines. */
export async function readComposeConfigJsonFromCompose(deps: Deps, query: ComposeConfigQuery): Promise<string> {
  const argv = buildComposeArgv(query.project, query.files, 'config', ['--format', 'json']);
  const result = await runCompose(deps, argv, { env: query.env, stdio: 'capture', secretValues: query.secretValues ?? [] });
  return result.stdout;
}
