// The valibot schema of the descriptor's `prepare.env` section: which env layers are read, in which order.
import * as v from 'valibot';

/** Kinds of env source. `secrets` and `sops` mark every value they set as secret. */
export const ENV_SOURCE_TYPES = ['sys', 'site', 'service', 'dotenv', 'secrets', 'sops'] as const;
export type EnvSourceType = (typeof ENV_SOURCE_TYPES)[number];

/** Source types whose values are secret. */
export const SECRET_SOURCE_TYPES: ReadonlySet<EnvSourceType> = new Set(['secrets', 'sops']);

/**
 * The file a source reads when it names none. `site` has two: `etc/site.env`, or `etc/sites/<name>.env`
 * when a site is selected (`--site NAME` or HARBOR_SITE).
 */
export const DEFAULT_SOURCE_FILES: Readonly<Record<EnvSourceType, string>> = {
  sys: 'etc/sys.env',
  site: 'etc/site.env',
  service: 'stacks/${service}/service.env',
  dotenv: '.env.local',
  secrets: 'override.secrets.env',
  sops: '*.sops.env',
};

/** A path relative to the Harbor home that stays inside it. */
const homePath = v.pipe(
  v.string(),
  v.minLength(1, 'must not be empty'),
  v.check((f) => !f.startsWith('/') && !f.split('/').includes('..'), 'must be a path inside the Harbor home (relative, no ..)'),
);

/** The site file when a site is selected. */
export const SITE_FILE_PATTERN = 'etc/sites/${site}.env';

/** One `prepare.env.sources[]` entry, as written. */
const EnvSourceEntrySchema = v.strictObject({
  /**
   * What the source is. `secrets` (plaintext dotenv) and `sops` (encrypted dotenv, YAML or JSON of flat values)
   * mark their values secret; the others are plain.
   * @example 'sops'
   */
  type: v.pipe(
    v.picklist(ENV_SOURCE_TYPES, `must be one of: ${ENV_SOURCE_TYPES.join(', ')}`),
    v.description('Kind of source: sys, site, service, dotenv, secrets (plaintext, secret) or sops (encrypted, secret)'),
  ),
  /**
   * The file, relative to the Harbor home. `${service}` makes one layer per selected service (and the service's
   * containers receive the keys it sets); `${site}` is the selected site (the source is skipped when none is).
   * Glob characters (`*`, `?`, `[`) read every matching file, in name order. Default: by type (sys `etc/sys.env`,
   * site `etc/site.env` or `etc/sites/${site}.env`, service `stacks/${service}/service.env`, dotenv `.env.local`,
   * secrets `override.secrets.env`, sops `*.sops.env`).
   * @example 'stacks/${service}/secrets.sops.env'
   */
  file: v.optional(
    v.pipe(
      v.string(),
      v.minLength(1, 'must not be empty'),
      v.check((f) => !f.startsWith('/') && !f.split('/').includes('..'), 'must be a path inside the Harbor home (relative, no ..)'),
      v.description('File relative to the home; ${service}, ${site} and globs allowed'),
    ),
  ),
  /**
   * The folder of the files, relative to the home, with `pattern` (instead of `file`). For `service` the files are
   * `<dir>/<service>/<pattern>`, one layer per selected service; for the others `<dir>/<pattern>`.
   * @example 'stacks'
   */
  dir: v.optional(v.pipe(homePath, v.description('With pattern, instead of file: the folder (service: one sub-folder per service)'))),
  /**
   * The file name (globs allowed) inside `dir`. @example 'service.env'
   */
  pattern: v.optional(v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.check((p) => !p.startsWith('/') && !p.split('/').includes('..'), 'must be a relative name inside dir (no leading /, no ..)'), v.description('With dir: the file name inside it (globs allowed)'))),
  /**
   * A missing file is skipped instead of being an error.
   * @example true
   */
  optional: v.optional(v.pipe(v.boolean(), v.description('Skip the source when its file is missing')), false),
  /**
   * sops only: read the file even when its MAC does not match (as `sops --ignore-mac`).
   * @example true
   */
  ignoreMac: v.optional(v.pipe(v.boolean(), v.description('sops only: do not verify the MAC'))),
});

/**
 * One `prepare.env.sources[]` entry. `dir` + `pattern` (the brief's form) is read as the `file` it stands for, so
 * everything after the schema sees `file` only.
 * @example { type: 'service', dir: 'stacks', pattern: 'service.env' } // file: 'stacks/${service}/service.env'
 */
export const EnvSourceSchema = v.pipe(
  EnvSourceEntrySchema,
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const { file, dir, pattern } = dataset.value;
    if (file !== undefined && (dir !== undefined || pattern !== undefined)) addIssue({ message: 'give either file, or dir with pattern, not both' });
    else if ((dir === undefined) !== (pattern === undefined)) addIssue({ message: dir === undefined ? 'pattern needs dir (the folder it is in)' : 'dir needs pattern (the file name inside it)' });
  }),
  v.transform(({ dir, pattern, ...source }) => (dir === undefined || pattern === undefined ? source : { ...source, file: joinDirPattern(source.type, dir, pattern) })),
);

function joinDirPattern(type: EnvSourceType, dir: string, pattern: string): string {
  const folder = dir.replace(/\/+$/, '') || '.';
  return type === 'service' ? `${folder}/\${service}/${pattern}` : `${folder}/${pattern}`;
}

export type EnvSource = v.InferOutput<typeof EnvSourceSchema>;

/** The layers read when the descriptor has no `prepare.env.sources`, lowest precedence first. */
export const DEFAULT_ENV_SOURCES: readonly EnvSource[] = [
  { type: 'sys', file: 'etc/sys.env', optional: true },
  { type: 'site', optional: true },
  { type: 'service', file: 'stacks/${service}/service.env', optional: true },
  { type: 'dotenv', file: '.env.local', optional: true },
  { type: 'secrets', file: 'override.secrets.env', optional: true },
  { type: 'sops', file: '*.sops.env', optional: true },
];

/**
 * `prepare.env`: the env layers (lowest precedence first) and whether the merged env is written to disk.
 * @example { sources: [{ type: 'sys' }, { type: 'sops', file: 'etc/prod.sops.env' }], persist: false }
 */
export const EnvConfigSchema = v.optional(
  v.strictObject({
    /**
     * The sources, lowest precedence first: a later source overrides an earlier one. Replaces the default list.
     * @example [{ type: 'sys', optional: true }, { type: 'dotenv', file: 'etc/team.env' }]
     */
    sources: v.optional(v.array(EnvSourceSchema), () => DEFAULT_ENV_SOURCES.map((s) => ({ ...s }))),
    /**
     * Also write the merged env (secrets included) to `var/run/.env.run`, mode 0600, for tools that need an
     * env file. Off by default: secrets otherwise never touch the disk.
     * @example true
     */
    persist: v.optional(v.pipe(v.boolean(), v.description('Write var/run/.env.run (mode 0600)')), false),
    /**
     * Keep `var/run/.env.run` when the stack is destroyed (it is removed by default).
     * @example true
     */
    keepOnDestroy: v.optional(v.pipe(v.boolean(), v.description('Keep var/run/.env.run on destroy')), false),
  }),
  () => ({ sources: DEFAULT_ENV_SOURCES.map((s) => ({ ...s })), persist: false, keepOnDestroy: false }),
);

export type EnvConfig = v.InferOutput<typeof EnvConfigSchema>;
