// Reads, from `docker compose config --format json`, each service's image and what it mounts: named volumes and host folders.
import * as v from 'valibot';
import { CommandError } from '../../shared/core/errors';

export interface ServiceMounts {
  service: string;
  /** The image compose uses: `image:`, else the one it builds (`<project>-<service>`). */
  image: string;
  /** Docker volume names (the project prefix applied by compose). */
  volumes: string[];
  /** Absolute host paths bind-mounted. */
  binds: string[];
}

const MountSchema = v.object({ type: v.string(), source: v.optional(v.string()) });
const ConfigSchema = v.object({
  name: v.optional(v.string()),
  services: v.optional(v.record(v.string(), v.object({ image: v.optional(v.string()), build: v.optional(v.unknown()), volumes: v.optional(v.array(MountSchema), []) })), {}),
  volumes: v.optional(v.record(v.string(), v.nullable(v.object({ name: v.optional(v.string()), external: v.optional(v.unknown()) }))), {}),
});

/**
 * @example selectServiceMounts('{"services":{"a":{"image":"x","volumes":[{"type":"volume","source":"data"}]}},"volumes":{"data":{"name":"p_data"}}}', 'p')
 *   // [{ service: 'a', image: 'x', volumes: ['p_data'], binds: [] }]
 */
export function selectServiceMounts(configJson: string, project: string): ServiceMounts[] {
  let parsed: v.InferOutput<typeof ConfigSchema>;
  try {
    parsed = v.parse(ConfigSchema, JSON.parse(configJson));
  } catch (err) {
    throw new CommandError(`docker compose config printed an unexpected model: ${(err as Error).message}`, { hint: 'Harbor needs Docker Compose v2.20 or later (`docker compose version`)' });
  }
  const volumeNames = parsed.volumes ?? {};
  return Object.entries(parsed.services ?? {}).map(([service, s]) => {
    const mounts = s.volumes ?? [];
    const volumes = mounts.filter((m) => m.type === 'volume' && m.source).map((m) => volumeNames[m.source!]?.name ?? `${project}_${m.source}`);
    const binds = mounts.filter((m) => m.type === 'bind' && m.source?.startsWith('/')).map((m) => m.source!);
    return { service, image: s.image ?? `${project}-${service}`, volumes: [...new Set(volumes)], binds: [...new Set(binds)] };
  }).sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
}
