// For destroy with `prepare.cleanOnDestroy`: removes what prepare wrote into var/run/ (templates, overlay, state).
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { HomeLock } from '../lock/home-lock';
import type { Deps } from '../shared/deps';
import { pathExists } from '../shared/path-exists';
import { runRemoveTemplates } from '../templates/run-remove-templates';
import { PREPARE_OVERLAY_PATH } from './core/build-prepare-overlay';
import { PREPARE_STATE_PATH } from './core/prepare-state';
import { ROUTING_OVERLAY_PATH } from '../routing/core/build-routing-overlay';

/**
 * The rendered templates go through the templates' own journaled removal (only files the manifest lists, and the
 * folders they leave empty); then the generated overlays (prepare's, and the routing one when there is one) and the state `harbor plan` compares with. The state's
 * key, the lock and var/run/.env.run (owned by `prepare.env.keepOnDestroy`) stay. Returns the removed paths.
 * @example await runRemovePrepared(deps, lock) // ['var/run/hello/config/motd.txt', 'var/run/overlays/harbor.gen.yml', ...]
 */
export async function runRemovePrepared(deps: Pick<Deps, 'home' | 'log'>, lock?: HomeLock): Promise<string[]> {
  const removed = await runRemoveTemplates(deps, { lock });
  for (const path of [PREPARE_OVERLAY_PATH, ROUTING_OVERLAY_PATH, PREPARE_STATE_PATH]) {
    const absolute = join(deps.home, path);
    if (!(await pathExists(absolute))) continue;
    await rm(absolute, { force: true });
    removed.push(path);
  }
  return removed;
}
