// Reads the planned env sources from the Harbor home: dotenv text as is, sops files through the decryptor.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { glob } from 'tinyglobby';
import { didYouMean } from '../shared/core/closest-names';
import { compareCodePoints } from '../shared/core/compare-code-points';
import type { EnvLayer } from './core/merge-env-layers';
import type { EnvSourcePlan, PlannedEnvSource } from './core/plan-env-sources';
import { EnvError, SecretError } from '../shared/core/errors';

/** The SOPS person's readSopsEnvFile (runner/src/secrets/sops-env-file.ts), injected so tests can fake it. */
export type SopsEnvReader = (
  file: string,
  env: Readonly<Record<string, string | undefined>>,
  options?: { ignoreMac?: boolean },
) => Promise<Map<string, string>>;

export interface ReadEnvLayersOptions {
  home: string;
  /** The runner's environment: sops looks for age identities in it. */
  env: Readonly<Record<string, string | undefined>>;
  readSops: SopsEnvReader;
}

/** Reads every planned source, lowest first; a glob gives one layer per matching file, in name order. */
export async function readEnvLayers(plan: EnvSourcePlan, options: ReadEnvLayersOptions): Promise<EnvLayer[]> {
  const layers: EnvLayer[] = [];
  for (const source of plan.sources) {
    for (const file of await sourceFiles(source, options.home)) {
      layers.push({
        type: source.type,
        name: source.name,
        file,
        secret: source.secret,
        ...(source.service !== undefined && { service: source.service }),
        content: await readContent(source, file, options),
      });
    }
  }
  return layers;
}

async function sourceFiles(source: PlannedEnvSource, home: string): Promise<string[]> {
  if (source.glob) {
    const files = (await glob(source.pattern, { cwd: home, onlyFiles: true, dot: true, expandDirectories: false })).sort(compareCodePoints);
    if (files.length === 0 && !source.optional) throw missing(source, `no file matches ${source.pattern}`);
    return files;
  }
  const info = await stat(join(home, source.pattern)).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined;
    throw new EnvError(`env layer "${source.name}": cannot read ${source.pattern}: ${err.code ?? err.message}`, { code: 'ENV_READ', cause: err });
  });
  if (info?.isFile()) return [source.pattern];
  if (info) throw new EnvError(`env layer "${source.name}": ${source.pattern} is not a file`, { code: 'ENV_READ', hint: 'point the source at a dotenv file' });
  if (source.site !== undefined) throw await missingSite(source, home);
  if (source.optional) return [];
  throw missing(source, `${source.pattern} does not exist`);
}

function missing(source: PlannedEnvSource, what: string): EnvError {
  return new EnvError(`env layer "${source.name}": ${what}`, {
    code: 'ENV_MISSING',
    hint: `create it, or mark the source optional (prepare.env.sources[${source.index}].optional: true)`,
  });
}

/** A selected site must exist even when its source is optional: a typo in --site must not pass silently. */
async function missingSite(source: PlannedEnvSource, home: string): Promise<EnvError> {
  const names = (await readdir(join(home, 'etc/sites')).catch(() => [] as string[]))
    .filter((f) => f.endsWith('.env'))
    .map((f) => f.slice(0, -'.env'.length))
    .sort(compareCodePoints);
  return new EnvError(`site "${source.site}": ${source.pattern} does not exist${didYouMean(source.site!, names)}`, {
    code: 'ENV_SITE',
    hint: names.length ? `sites in etc/sites/: ${names.join(', ')}` : 'create etc/sites/<name>.env, or run without --site (uses etc/site.env)',
  });
}

async function readContent(source: PlannedEnvSource, file: string, options: ReadEnvLayersOptions): Promise<EnvLayer['content']> {
  const path = join(options.home, file);
  if (source.type === 'sops') {
    const values = await options.readSops(path, options.env, { ignoreMac: source.ignoreMac });
    return { kind: 'values', values };
  }
  try {
    return { kind: 'dotenv', text: await readFile(path, 'utf8') };
  } catch (err) {
    const Failure = source.secret ? SecretError : EnvError;
    throw new Failure(`env layer "${source.name}": cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, { cause: err });
  }
}
