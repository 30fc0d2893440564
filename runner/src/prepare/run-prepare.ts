// The prepare stage: env layers, templates into var/run/, the generated overlay, the optional env file, the state.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HomeLock } from '../lock/home-lock';
import { loadPrepareStateKey, writePrepareState } from './prepare-state-file';
import { readComposeTexts } from './read-compose-texts';
import { removeRunEnvFile, RUN_ENV_FILE, writeRunEnvFile } from '../env/run-env-file';
import { runPrepareTemplates } from '../templates/run-prepare-templates';
import { writeFileAtomic } from '../shared/atomic-write';
import { buildPrepareOverlay, PREPARE_OVERLAY_PATH } from './core/build-prepare-overlay';
import { buildPrepareState } from './core/prepare-state';
import { buildComposeFileList } from './core/compose-file-list';
import type { Deps } from '../shared/deps';
import { loadPrepareInputs, type PrepareInputs, type PrepareSource } from './load-prepare-inputs';
import { withHomeLock } from '../lock/with-home-lock';
import { writeTunnelIngress } from '../tunnels/named-tunnel';
import { writeRoutingOverlay } from '../routing/write-routing-overlay';

export interface RunPrepareOptions {
  /** `--persist-env`: also write var/run/.env.run, as `prepare.env.persist: true` does. */
  persistEnv?: boolean;
  /** Shown to a run that waits for the lock: 'harbor deploy'. */
  command?: string;
}

export interface PreparedStack {
  /** Handed to compose through the process environment only (secrets included): never argv, never logs. */
  composeEnv: Record<string, string>;
  /** Values to redact wherever Harbor prints compose output, longest first. */
  secretValues: string[];
  /** The selection's compose files, then the overlay: what deploy's compose calls use. */
  files: string[];
  warnings: string[];
  /** Compose services of the selection. */
  services: string[];
  templates: { added: number; changed: number; removed: number; unchanged: number };
  /** Whether the overlay's text changed (false: the file was left as it was). */
  overlayWritten: boolean;
  /** RUN_ENV_FILE when the env was persisted. */
  envFile?: string;
}

/**
 * Everything that can fail on bad input (env files, compose files, templates) fails before var/run/ changes:
 * the inputs are read before the lock, templates render in memory before their journaled commit, and the
 * overlay, env file and state are written only after that commit. `then` (deploy's stages, up) runs while the
 * home lock is still held, so two Harbor runs on one home never interleave their prepare and up.
 * @example await runPrepare(deps, source, { command: 'harbor deploy' }, (prepared) => runStage('deploy', steps, buildActionContext(deps, source, prepared)))
 */
export async function runPrepare<T = PreparedStack>(
  deps: Deps,
  source: PrepareSource,
  options: RunPrepareOptions = {},
  then?: (prepared: PreparedStack) => Promise<T>,
): Promise<T> {
  const inputs = await loadPrepareInputs(deps, source);
  return withHomeLock(deps, options.command ?? 'harbor prepare', async (lock) => {
    const prepared = await writePrepared(deps, source, inputs, lock, options);
    return then ? then(prepared) : (prepared as T);
  });
}

async function writePrepared(deps: Deps, source: PrepareSource, inputs: PrepareInputs, lock: HomeLock, options: RunPrepareOptions): Promise<PreparedStack> {
  const log = deps.log.withTag('prepare');
  const rendered = await runPrepareTemplates(deps, { ...inputs.templates, lock });
  const overlay = buildPrepareOverlay({ stack: inputs.stack, composeServices: inputs.composeServices, composeEnv: inputs.composeEnv, configHashes: rendered.configHashes });
  const skipped = [
    ...overlay.envSkipped.map((s) => `${s} has env keys of its own but no compose service is named ${s}: they reach no container`),
    ...overlay.configSkipped.map((s) => `config files are rendered for ${s} but no compose service is named ${s}: no container is recreated when they change`),
  ];
  for (const warning of skipped) log.warn(warning);
  const overlayPath = join(deps.home, PREPARE_OVERLAY_PATH);
  const current = await readFile(overlayPath, 'utf8').catch(() => undefined);
  if (current !== overlay.yaml) await writeFileAtomic(overlayPath, overlay.yaml);
  // Written when routing applies, removed when it no longer does: a stale overlay would keep old routes.
  await writeRoutingOverlay(deps.home, inputs.routing);
  const routed = inputs.routing !== undefined;

  // The named tunnel's ingress (hostnames → services) is rendered here, from the compose model, like any config.
  if (source.descriptor.tunnels.named) {
    const stack = { project: source.project, files: buildComposeFileList(source.selection.files, true, routed), composeEnv: inputs.composeEnv, secretValues: inputs.secretValues, services: source.selection.services, config: source.descriptor.tunnels };
    await writeTunnelIngress(deps, stack);
  }

  // The env file exists exactly when the last prepare persisted the env: a stale copy of secrets helps no one.
  const persist = options.persistEnv === true || source.descriptor.prepare.env.persist;
  if (persist) await writeRunEnvFile(join(deps.home, RUN_ENV_FILE), inputs.composeEnv);
  else await removeRunEnvFile(join(deps.home, RUN_ENV_FILE));

  const files = source.selection.files;
  const key = await loadPrepareStateKey(deps.home);
  await writePrepareState(deps.home, buildPrepareState({ files, contents: await readComposeTexts(deps.home, files) }, inputs.composeEnv, key));

  const { diff } = rendered;
  const what = `overlay ${PREPARE_OVERLAY_PATH} ${current === overlay.yaml ? 'unchanged' : 'written'}${inputs.routing ? `, routes for ${Object.keys(inputs.routing.routes).join(' ') || '(none)'}` : ''}${persist ? `, env persisted to ${RUN_ENV_FILE} (mode 0600)` : ''}`;
  log.info(`prepared ${source.selection.services.join(' ') || '(no services)'}: ${what}`);
  return {
    composeEnv: inputs.composeEnv,
    secretValues: inputs.secretValues,
    files: buildComposeFileList(files, true, routed),
    warnings: [...inputs.warnings, ...skipped],
    services: inputs.composeServices,
    templates: { added: diff.added.length, changed: diff.changed.length, removed: diff.removed.length, unchanged: diff.unchanged.length },
    overlayWritten: current !== overlay.yaml,
    ...(persist && { envFile: RUN_ENV_FILE }),
  };
}
