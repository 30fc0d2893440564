// One hash per service over its rendered files (paths, modes, contents), for the harbor.config-hash label.
import { createHash } from 'node:crypto';
import { compareCodePoints } from '../../shared/core/compare-code-points';
import type { TemplateManifest } from './template-manifest';

/**
 * Put into each service's `harbor.config-hash` label, it makes `docker compose up` recreate exactly the
 * services whose config files changed. Services without rendered files are absent.
 * @example serviceConfigHashes(manifest) // { web: '3f1c…' }
 */
export function serviceConfigHashes(manifest: TemplateManifest): Record<string, string> {
  const lines = new Map<string, string[]>();
  for (const [path, entry] of [...manifest.files].sort(([a], [b]) => compareCodePoints(a, b))) {
    if (entry.service === null) continue;
    const list = lines.get(entry.service) ?? [];
    list.push(`${path}\t${entry.mode.toString(8)}\t${entry.sha256}\n`);
    lines.set(entry.service, list);
  }
  const hashes: Record<string, string> = {};
  for (const service of [...lines.keys()].sort(compareCodePoints)) {
    hashes[service] = createHash('sha256').update(lines.get(service)!.join('')).digest('hex');
  }
  return hashes;
}
