// Reads what `harbor doctor` shows about the runner bundle: the sha256 of the bundle file in the image, and
// the hash the image's label records (read from this runner's own container, which carries the image labels).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { Deps } from '../shared/deps';
import { BUNDLE_LABEL, type BundleProbe } from './core/bundle-check';

/** Where Dockerfile.runner puts the bundle. */
export const IMAGE_BUNDLE_PATH = '/opt/harbor/harbor.cjs';

export async function readBundleProbe(deps: Deps, inRunner: boolean, bundlePath = IMAGE_BUNDLE_PATH): Promise<BundleProbe> {
  if (!inRunner) return { state: 'source' };
  let bytes: Buffer;
  try {
    bytes = await readFile(bundlePath);
  } catch (err) {
    return { state: 'unreadable', path: bundlePath, reason: (err as NodeJS.ErrnoException).code ?? String(err) };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  // The container's labels include its image's; a container's default hostname is its id.
  const argv = ['docker', 'inspect', '--format', `{{ index .Config.Labels "${BUNDLE_LABEL}" }}`, hostname()];
  const r = await deps.run(argv, { stdio: 'capture' }).catch(() => undefined);
  const label = r?.code === 0 ? r.stdout.trim().replace(/^<no value>$/, '') : undefined;
  return { state: 'read', sha256, label };
}
