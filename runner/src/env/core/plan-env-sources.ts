// Turns `prepare.env.sources` into the concrete files to read: defaults, `${service}` per service, `${site}`.
import { EnvError } from '../../shared/core/errors';
import { DEFAULT_SOURCE_FILES, SECRET_SOURCE_TYPES, SITE_FILE_PATTERN, type EnvSource, type EnvSourceType } from '../../descriptor/core/env-config-schema';

export interface PlannedEnvSource {
  /** Position in `prepare.env.sources`, for messages. */
  index: number;
  type: EnvSourceType;
  /** Layer label: the type, plus the service for per-service sources ('service web'). */
  name: string;
  /** A file or a glob, relative to the home, with `${service}` and `${site}` replaced. */
  pattern: string;
  glob: boolean;
  service?: string;
  optional: boolean;
  secret: boolean;
  ignoreMac: boolean;
  /** The selected site's file: when missing, the error lists the sites that exist. */
  site?: string;
}

export interface EnvSourcePlan {
  sources: PlannedEnvSource[];
  warnings: string[];
}

export interface PlanEnvSourcesOptions {
  /** Services whose per-service sources are read, in this order. */
  services: readonly string[];
  /** The selected site (`--site` or HARBOR_SITE), if any. */
  site?: string;
}

const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const GLOB = /[*?[]/;

/**
 * Lowest precedence first, as listed. A source whose file uses `${site}` is skipped when no site is selected;
 * one that uses `${service}` becomes one layer per service.
 * @example planEnvSources([{ type: 'service', optional: true }], { services: ['web'] }).sources[0].pattern
 *   // 'stacks/web/service.env'
 */
export function planEnvSources(sources: readonly EnvSource[], options: PlanEnvSourcesOptions): EnvSourcePlan {
  const { site } = options;
  if (site !== undefined && !NAME.test(site)) {
    throw new EnvError(`site name "${site}" is not valid: use letters, digits, _ . - (it names etc/sites/<name>.env)`, { code: 'ENV_SITE' });
  }
  for (const service of options.services) {
    if (!NAME.test(service)) throw new EnvError(`service name "${service}" is not valid for an env file path`, { code: 'ENV_SERVICE' });
  }
  const planned: PlannedEnvSource[] = [];
  let siteUsed = false;
  sources.forEach((source, index) => {
    let file = source.file ?? (source.type === 'site' && site !== undefined ? SITE_FILE_PATTERN : DEFAULT_SOURCE_FILES[source.type]);
    const usesSite = file.includes('${site}');
    if (usesSite) {
      if (site === undefined) return;
      siteUsed = true;
      file = file.replaceAll('${site}', site);
    }
    const base = {
      index,
      type: source.type,
      optional: source.optional ?? false,
      secret: SECRET_SOURCE_TYPES.has(source.type),
      ignoreMac: source.ignoreMac ?? false,
      ...(usesSite && source.type === 'site' && { site }),
    };
    if (!file.includes('${service}')) {
      planned.push({ ...base, name: source.type, pattern: file, glob: GLOB.test(file) });
      return;
    }
    for (const service of options.services) {
      const pattern = file.replaceAll('${service}', service);
      planned.push({ ...base, name: `${source.type} ${service}`, pattern, glob: GLOB.test(pattern), service });
    }
  });
  const warnings =
    site !== undefined && !siteUsed ? [`site "${site}" is selected but no env source uses \${site}: it changes nothing`] : [];
  return { sources: planned, warnings };
}
