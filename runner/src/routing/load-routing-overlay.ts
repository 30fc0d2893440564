// Builds the routing overlay for a selection from the compose model, asking compose for its config when the model declines.
import { readComposeConfigJsonFromCompose } from '../compose/read-compose-config';
import type { ComposeProject } from '../compose/core/compose-argv';
import type { ModelMap } from '../compose/model/core/model-tree';
import type { RoutingConfig } from '../descriptor/core/routing-schema';
import type { Deps } from '../shared/deps';
import { buildRoutingOverlay, type RoutingModel, type RoutingOverlay } from './core/build-routing-overlay';

export interface RoutingSource {
  project: ComposeProject;
  /** The selection's files (never the overlays: the routing overlay is built from what the user wrote). */
  files: readonly string[];
  composeEnv: Readonly<Record<string, string>>;
  secretValues: readonly string[];
  /** Harbor's compose model of these files, when it answered. */
  model: ModelMap | undefined;
}

/** Undefined when the descriptor has no `routing:` or the proxy service is not selected. */
export async function loadRoutingOverlay(deps: Deps, config: RoutingConfig | undefined, source: RoutingSource): Promise<RoutingOverlay | undefined> {
  if (config === undefined) return undefined;
  // No model means it already declined this selection (prepare built it): compose answers, the model is not built again.
  const model = (source.model ??
    JSON.parse(await readComposeConfigJsonFromCompose(deps, { project: source.project, files: source.files, env: source.composeEnv, secretValues: source.secretValues }))) as RoutingModel;
  return buildRoutingOverlay({ config, project: source.project.name, model, env: { ...deps.env, ...source.composeEnv }, secretValues: source.secretValues });
}
