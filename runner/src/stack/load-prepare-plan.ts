// `harbor plan`'s data: source and prepare computed in memory and compared with var/run/, plus the deploy stage's commands.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadTemplatePlan } from '../templates/load-template-plan';
import { readPrepareState } from '../prepare/prepare-state-file';
import { selectStage } from '../descriptor/core/select-stage';
import { buildPrepareOverlay, PREPARE_OVERLAY_PATH } from '../prepare/core/build-prepare-overlay';
import { buildComposeFileList } from '../prepare/core/compose-file-list';
import { planEnvChanges, type EnvChanges } from '../prepare/core/plan-env-changes';
import { planRecreatedServices, type RecreatedService } from '../prepare/core/plan-recreated-services';
import type { TreeChange } from '../templates/core/diff-rendered-tree';
import { planTemplateCommit } from '../templates/core/plan-template-commit';
import { serviceConfigHashes } from '../templates/core/service-config-hashes';
import type { Deps } from '../shared/deps';
import { planStage, type StagePlan } from '../workflow/plan-stage';
import { buildActionContext } from './action-context';
import { loadPrepareInputs } from '../prepare/load-prepare-inputs';
import { readRoutingOverlayText } from '../routing/write-routing-overlay';
import { ROUTING_OVERLAY_PATH } from '../routing/core/build-routing-overlay';
import type { ResolvedSource } from './resolve-source';

/** A rendered file as plan shows it: the mode in octal, as in the manifest. */
export interface PlannedFileChange {
  path: string;
  service: string | null;
  source?: string | undefined;
  before?: { sha256: string; mode: string } | undefined;
  after?: { sha256: string; mode: string } | undefined;
}

export interface PreparePlan {
  project: string;
  /** The compose files deploy would use: the selection's, then the overlay. */
  files: string[];
  services: string[];
  composeServices: string[];
  templates: { added: PlannedFileChange[]; changed: PlannedFileChange[]; removed: PlannedFileChange[]; unchanged: number };
  env: EnvChanges;
  overlay: { path: string; changed: boolean; recreate: RecreatedService[] };
  /** The Traefik routing overlay: written (with these routes), removed, or neither. */
  routing: { path: string; changed: boolean; routes: Record<string, string>; removed: boolean };
  /** Whether prepare would write var/run/.env.run (prepare.env.persist). */
  persistEnv: boolean;
  deploy: StagePlan;
  warnings: string[];
}

/**
 * Writes nothing and takes no lock: the env layers are read, compose is asked for its services, templates are
 * rendered in memory and compared with var/run/ (as runPlanTemplates does; the commit plan also gives the config
 * hashes), the overlay is built in memory and compared with the one on disk, and the env with the hashes the last
 * prepare stored. A concurrent prepare can make the answer stale, never wrong on disk.
 */
export async function loadPreparePlan(deps: Deps, source: ResolvedSource): Promise<PreparePlan> {
  const inputs = await loadPrepareInputs(deps, source);
  const loaded = await loadTemplatePlan(deps.home, inputs.templates);
  const { diff, commit } = planTemplateCommit(loaded.planned, loaded.current, loaded.previous, loaded.previousText);
  const overlay = buildPrepareOverlay({ stack: inputs.stack, composeServices: inputs.composeServices, composeEnv: inputs.composeEnv, configHashes: serviceConfigHashes(commit.manifest) });
  const current = await readFile(join(deps.home, PREPARE_OVERLAY_PATH), 'utf8').catch(() => undefined);
  const stored = await readPrepareState(deps.home);
  // The stack as the prepare would leave it: the overlay follows the selection's files.
  const files = buildComposeFileList(source.selection.files, true, inputs.routing !== undefined);
  const routingNow = await readRoutingOverlayText(deps.home);
  const ctx = buildActionContext(deps, { ...source, composeEnv: inputs.composeEnv, secretValues: inputs.secretValues, files }, true);
  return {
    project: source.project.name,
    files,
    services: source.selection.services,
    composeServices: inputs.composeServices,
    templates: { added: diff.added.map(show), changed: diff.changed.map(show), removed: diff.removed.map(show), unchanged: diff.unchanged.length },
    env: planEnvChanges({ previous: stored.state?.env, key: stored.key, composeEnv: inputs.composeEnv, secretValues: inputs.secretValues, runKey: randomBytes(32) }),
    overlay: { path: PREPARE_OVERLAY_PATH, changed: current !== overlay.yaml, recreate: planRecreatedServices(current, overlay.labels) },
    routing: {
      path: ROUTING_OVERLAY_PATH,
      changed: routingNow !== inputs.routing?.yaml,
      routes: inputs.routing?.routes ?? {},
      removed: inputs.routing === undefined && routingNow !== undefined,
    },
    persistEnv: source.descriptor.prepare.env.persist,
    deploy: planStage('deploy', selectStage(source.descriptor, 'deploy')!, ctx, { env: { ...deps.env, ...inputs.composeEnv } }),
    warnings: inputs.warnings,
  };
}

function show(change: TreeChange): PlannedFileChange {
  const octal = (state: { sha256: string; mode: number } | undefined) => state && { sha256: state.sha256, mode: `0${state.mode.toString(8).padStart(3, '0')}` };
  return { path: change.path, service: change.service, source: change.source, before: octal(change.before), after: octal(change.after) };
}
