// What prepare and plan both start from: the selected services' env layers, the compose env, and compose's services.
import type { TemplatesInput } from '../templates/load-template-plan';
import { loadStackEnv, type LoadedStackEnv } from '../env/load-stack-env';
import { readComposeServices } from '../compose/compose-services';
import { readComposeModel } from '../compose/model/read-compose-model';
import { buildTemplateJobs } from '../templates/core/build-template-jobs';
import { buildTemplateEnv } from '../templates/core/template-values';
import type { Deps } from '../shared/deps';
import type { ComposeProject } from '../compose/core/compose-argv';
import type { Descriptor } from '../descriptor/core/descriptor-schema';
import type { ComposeSelection } from '../source/core/compose-files';
import { loadRoutingOverlay } from '../routing/load-routing-overlay';
import type { RoutingOverlay } from '../routing/core/build-routing-overlay';

/** What prepare reads of the resolved source (the stack's ResolvedSource is one). */
export interface PrepareSource {
  descriptor: Descriptor;
  project: ComposeProject;
  selection: ComposeSelection;
  /** The `--site` given, for the env layers. */
  site?: string | undefined;
}

export interface PrepareInputs {
  stack: LoadedStackEnv;
  /** Secrets included: only ever the process environment of compose. */
  composeEnv: Record<string, string>;
  secretValues: string[];
  /** The selection's services, from Harbor's compose model (else `docker compose config --services`); the overlay may name only these. */
  composeServices: string[];
  /** For runPrepareTemplates / loadTemplatePlan: the descriptor's templates, the merged env, the selected services. */
  templates: TemplatesInput;
  /** The env layers' warnings (already logged). */
  warnings: string[];
  /** The Traefik routing overlay (descriptor `routing:` with its proxy selected), else undefined. */
  routing: RoutingOverlay | undefined;
}

/**
 * Reads only, and fails before anything is written: a missing required env file, an invalid dotenv line, a
 * reference cycle, a sops file that does not decrypt, a template entry writing outside var/run/, a compose file
 * compose rejects or a required variable that is unset all stop here.
 * @example const inputs = await loadPrepareInputs(deps, source); inputs.composeServices // ['greeter', 'hello']
 */
export async function loadPrepareInputs(deps: Deps, source: PrepareSource): Promise<PrepareInputs> {
  const { prepare } = source.descriptor;
  // Pure and cheap: a template entry whose `to:` leaves var/run/ fails here, before the lock, not under it.
  buildTemplateJobs(prepare.templates, source.selection.services);
  const stack = await loadStackEnv({ home: deps.home, env: deps.env, config: prepare.env, services: source.selection.services, ...(source.site !== undefined && { site: source.site }) });
  const log = deps.log.withTag('env');
  for (const warning of stack.warnings) log.warn(warning);
  const { composeEnv, secretValues } = stack;
  // Harbor's compose model answers without a compose call (docs/compose-model.md); compose when the model declines.
  const model = readComposeModel(deps, source.project, source.selection.files, { composeEnv, secretValues }).model;
  const composeServices = model !== undefined
    ? Object.keys(model.services as Record<string, unknown>).sort()
    : await readComposeServices(deps, source.project, source.selection.files, { env: composeEnv, secretValues });
  const routing = await loadRoutingOverlay(deps, source.descriptor.routing, { project: source.project, files: source.selection.files, composeEnv, secretValues, model });
  for (const warning of routing?.warnings ?? []) deps.log.withTag('routing').warn(warning);
  return {
    stack,
    composeEnv,
    secretValues,
    composeServices,
    templates: { templates: prepare.templates, interpolation: prepare.interpolation, env: buildTemplateEnv(stack.merged), services: source.selection.services },
    warnings: [...stack.warnings, ...(routing?.warnings ?? [])],
    routing,
  };
}
