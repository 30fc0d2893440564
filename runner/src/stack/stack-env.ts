// The env a stack's compose calls run with (the merged env layers, secrets included), the secret values to redact, and the compose files.
import { join } from 'node:path';
import { loadStackEnv, type LoadedStackEnv } from '../env/load-stack-env';
import { readComposeTexts } from '../prepare/read-compose-texts';
import { readPrepareState } from '../prepare/prepare-state-file';
import type { SopsEnvReader } from '../env/read-env-layers';
import { readSopsEnvFile } from '../secrets/sops-env-file';
import { buildComposeEnv, selectSecretValues } from '../env/core/build-compose-env';
import { PREPARE_OVERLAY_PATH } from '../prepare/core/build-prepare-overlay';
import { hashComposeFiles } from '../prepare/core/prepare-state';
import type { Deps } from '../shared/deps';
import { HarborError } from '../shared/core/errors';
import { pathExists } from '../shared/path-exists';
import type { ResolvedSource } from './resolve-source';

export interface StackEnv {
  /** Handed to compose through the process environment only (secrets included): never argv, never logs. */
  composeEnv: Record<string, string>;
  /** Values to redact wherever Harbor prints compose output (`harbor config`), longest first. */
  secretValues: string[];
  /** The compose files, in -f order: the selection's, plus prepare's overlay when it applies. Default: the selection's. */
  files?: string[];
}

export interface ReadStackEnvOptions {
  /**
   * For commands that take a stack down (destroy, down): an env source that cannot be read (a sops file without
   * its key, a broken dotenv line) is a warning, and the command goes on without it, so a stack can always be removed.
   */
  tolerant?: boolean;
}

/**
 * The layers of the descriptor's `prepare.env` (sys, site, the selected services' service.env, .env.local,
 * secrets) merged, so compose files interpolate `${NAME}` from them as v1's .env. Compose also sees the
 * runner's own environment and reads `<home>/.env` itself. Reads only: commands that create containers
 * (deploy, up, one-off run) call runPrepare instead, which also renders templates and writes the overlay.
 */
export async function readStackEnv(deps: Deps, source: ResolvedSource, options: ReadStackEnvOptions = {}): Promise<StackEnv> {
  const log = deps.log.withTag('env');
  let stack: LoadedStackEnv;
  try {
    stack = await loadStackEnv({
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
    return { composeEnv: {}, secretValues: [], files: source.selection.files };
  }
  for (const warning of stack.warnings) log.warn(warning);
  return {
    composeEnv: buildComposeEnv(stack.merged, stack.services),
    secretValues: selectSecretValues(stack.merged),
    files: await selectStackFiles(deps.home, source.selection.files),
  };
}

/**
 * The selection's files, plus the overlay the last prepare wrote when it was written for exactly these compose
 * files with this content (var/run/.harbor/env-state.json says so). Otherwise the overlay could name services
 * this selection has not, and compose would refuse the model; without it, commands that only look at running
 * containers (ps, logs, exec, down...) work the same, and `config` shows the model without Harbor's additions.
 */
async function selectStackFiles(home: string, files: readonly string[]): Promise<string[]> {
  const { state } = await readPrepareState(home);
  if (state === undefined || state.files.join('\n') !== files.join('\n')) return [...files];
  const overlay = await pathExists(join(home, PREPARE_OVERLAY_PATH));
  if (!overlay || state.composeSha256 !== hashComposeFiles(files, await readComposeTexts(home, files))) return [...files];
  return [...files, PREPARE_OVERLAY_PATH];
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
