// For destroy: removes every file templates rendered (per the manifest), the folders they leave empty, and the manifest.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Deps } from '../shared/deps';
import { MANIFEST_PATH } from '../shared/core/run-paths';
import type { HomeLock } from '../lock/home-lock';
import { runPrepareTemplates } from './run-prepare-templates';
import { readTemplateManifest } from './template-manifest-file';

/**
 * The same journaled commit as prepare, with no templates: only files the manifest lists are removed, so
 * var/run/.env.run, overlays and anything else in var/run/ stay. Returns the removed paths.
 * @example await runRemoveTemplates(deps, { lock })
 */
export async function runRemoveTemplates(deps: Pick<Deps, 'home' | 'log'>, options: { lock?: HomeLock } = {}): Promise<string[]> {
  const { manifest } = await readTemplateManifest(deps.home);
  const services = [...new Set([...manifest.files.values()].flatMap((e) => (e.service === null ? [] : [e.service])))];
  const result = await runPrepareTemplates(deps, {
    templates: [],
    interpolation: { engine: 'envsubst', values: { fromEnv: false, extra: {} } },
    env: { values: new Map(), secretNames: new Set() },
    services,
    lock: options.lock,
  });
  rmSync(join(deps.home, MANIFEST_PATH), { force: true });
  return result.diff.removed.map((change) => change.path);
}
