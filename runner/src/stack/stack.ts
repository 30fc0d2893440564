// One command run's stack, built once: the resolved source, the env compose runs with (secrets in memory), the `-f` list.
import { join } from 'node:path';
import { loadStackEnv, type LoadedStackEnv } from '../env/load-stack-env';
import { readComposeTexts } from '../prepare/read-compose-texts';
import { readPrepareState } from '../prepare/prepare-state-file';
import { runPrepare, type PreparedStack, type RunPrepareOptions } from '../prepare/run-prepare';
import type { SopsEnvReader } from '../env/read-env-layers';
import { readSopsEnvFile } from '../secrets/sops-env-file';
import { PREPARE_OVERLAY_PATH } from '../prepare/core/build-prepare-overlay';
import { ROUTING_OVERLAY_PATH } from '../routing/core/build-routing-overlay';
import { buildComposeFileList } from '../prepare/core/compose-file-list';
import { hashComposeFiles } from '../prepare/core/prepare-state';
import type { Deps } from '../shared/deps';
import { HarborError } from '../shared/core/errors';
import { pathExists } from '../shared/path-exists';
import type { ResolvedSource } from './resolve-source';

/**
 * What every command and action of one run works on. `selection.files` are the files the rules chose; `files` is
 * what compose gets (`-f`, in order): those, then prepare's overlay when it applies (buildComposeFileList).
 */
export interface Stack extends ResolvedSource {
  /** Handed to compose through the process environment only (secrets included): never argv, never logs. */
  composeEnv: Record<string, string>;
  /** Values to redact wherever Harbor prints compose output (`harbor config`), longest first. */
  secretValues: string[];
  /** The compose files, in -f order. */
  files: string[];
}

/** A stack prepare has just written: its env, rendered templates and overlay (prepare's report included). */
export type PreparedStackRun = Stack & PreparedStack;

export interface ReadStackOptions {
  /**
   * For commands that take a stack down (destroy, down): an env source that cannot be read (a sops file without
   * its key, a broken dotenv line) is a warning, and the command goes on without it, so a stack can always be removed.
   */
  tolerant?: boolean;
  /** The stack as a deploy would leave it (dry runs): the overlay is in the `-f` list whatever is on disk now. */
  planned?: boolean;
}

/**
 * Reads the stack without writing anything: the layers of the descriptor's `prepare.env` (sys, site, the selected
 * services' service.env, .env.local, secrets) merged, so compose files interpolate `${NAME}` from them as v1's .env.
 * Compose also sees the runner's own environment and reads `<home>/.env` itself. Commands that create containers
 * (deploy, up, one-off run) call prepareStack instead, which also renders templates and writes the overlay.
 */
export async function readStack(deps: Deps, source: ResolvedSource, options: ReadStackOptions = {}): Promise<Stack> {
  const log = deps.log.withTag('env');
  let env: LoadedStackEnv;
  try {
    env = await loadStackEnv({
      home: deps.home,
      env: deps.env,
      config: source.descriptor.prepare.env,
      services: source.selection.services,
      ...(source.site !== undefined && { site: source.site }),
      ...(options.tolerant && { readSops: tolerantSops((message) => log.warn(message)) }),
    });
  } catch (err) {
    if (!options.tolerant || !(err instanceof HarborError)) throw err;
    log.warn(`${err.message}: going on without the env layers`);
    return { ...source, composeEnv: {}, secretValues: [], files: buildComposeFileList(source.selection.files, options.planned === true) };
  }
  for (const warning of env.warnings) log.warn(warning);
  const overlay = options.planned === true || (await overlayApplies(deps.home, source.selection.files));
  // The routing overlay is there exactly when the last prepare generated one (it removes a stale one).
  const routed = overlay && (await pathExists(join(deps.home, ROUTING_OVERLAY_PATH)));
  return {
    ...source,
    composeEnv: env.composeEnv,
    secretValues: env.secretValues,
    files: buildComposeFileList(source.selection.files, overlay, routed),
  };
}

/**
 * Runs prepare (runPrepare: env, templates, overlay, state, under the home lock) and hands `then` the stack it
 * left, while the lock is still held.
 * @example await prepareStack(deps, source, { command: 'harbor deploy' }, (stack) => runStage('deploy', steps, buildActionContext(deps, stack)))
 */
export async function prepareStack<T = PreparedStackRun>(
  deps: Deps,
  source: ResolvedSource,
  options: RunPrepareOptions = {},
  then?: (stack: PreparedStackRun) => Promise<T>,
): Promise<T> {
  return runPrepare(deps, source, options, async (prepared) => {
    const stack: PreparedStackRun = { ...source, ...prepared };
    return then ? then(stack) : (stack as T);
  });
}

/**
 * Whether the overlay the last prepare wrote belongs to exactly these compose files with this content
 * (var/run/.harbor/env-state.json says so). Otherwise the overlay could name services this selection has not,
 * and compose would refuse the model; without it, commands that only look at running containers (ps, logs,
 * exec, down...) work the same, and `config` shows the model without Harbor's additions.
 */
async function overlayApplies(home: string, files: readonly string[]): Promise<boolean> {
  const { state } = await readPrepareState(home);
  if (state === undefined || state.files.join('\n') !== files.join('\n')) return false;
  if (!(await pathExists(join(home, PREPARE_OVERLAY_PATH)))) return false;
  return state.composeSha256 === hashComposeFiles(files, await readComposeTexts(home, files));
}

/** A sops file that cannot be decrypted gives no values, and a warning (its message never holds a value). */
function tolerantSops(warn: (message: string) => void): SopsEnvReader {
  return async (file, env, options) => {
    try {
      return await readSopsEnvFile(file, env, options);
    } catch (err) {
      if (!(err instanceof HarborError)) throw err;
      warn(`${err.message}: going on without this file's values`);
      return new Map();
    }
  };
}
