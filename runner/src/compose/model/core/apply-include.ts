// compose-go loader.ApplyInclude: each `include` entry loaded as its own project, its resources imported into the including file.
import { parseDotenv } from '../../../env/core/parse-dotenv';
import { setDefaults } from './canonical-model';
import { firstModelDifference } from './first-difference';
import { isMap, unsupported, type ModelMap, type ModelNode } from './model-tree';
import { dirname, isAbsolutePath, joinPath, relativePath } from './posix-path';
import { resolveEnvironmentLists } from './resolve-environment-lists';
import { resolvePaths } from './resolve-paths';

/** What an include needs of the including load (a subset of FileLoadContext, to avoid a cycle of imports). */
export interface IncludeContext {
  readFile: (path: string) => string | undefined;
  projectDir: string;
  lookup: (name: string) => string | undefined;
  home: string | undefined;
}

export type LoadFiles = (files: readonly string[], ctx: IncludeContext) => ModelMap;

/**
 * Loads every `include` entry of `cfg` (paths relative to the project directory) and adds its services and
 * resources to `cfg`, then drops `include`. The included project's directory is its first file's; its `.env`
 * is read over the including environment, as compose-go does. A name defined differently on both sides is
 * an error compose reports; `project_directory`, `env_file` and includes inside included files are not reproduced.
 */
export function applyInclude(cfg: ModelMap, file: string, ctx: IncludeContext, loadFiles: LoadFiles): void {
  const entries = cfg.include;
  delete cfg.include;
  if (entries === undefined || entries === null) return;
  if (!Array.isArray(entries)) return unsupported('include that is not a list: compose reports it', file);
  for (const entry of entries) {
    const spec: ModelMap = typeof entry === 'string' ? { path: entry } : isMap(entry) ? entry : unsupported('an include entry that is neither a path nor a mapping', file);
    for (const key of Object.keys(spec)) if (key !== 'path') unsupported(`include.${key}`, file);
    const paths = typeof spec.path === 'string' ? [spec.path] : Array.isArray(spec.path) && spec.path.every((p) => typeof p === 'string') ? (spec.path as string[]) : unsupported('include.path', file);
    if (paths.length === 0) unsupported('an include without a path', file);
    const absolute = paths.map((p) => (isAbsolutePath(p) ? p : joinPath(ctx.projectDir, p)));
    if (absolute.includes(file)) unsupported('an include cycle: compose reports it', file);
    for (const path of absolute) if (ctx.readFile(path) === undefined) unsupported(`included file ${path} does not exist: compose reports it`, file);
    const projectDir = dirname(absolute[0]!);
    const env = includedEnv(projectDir, ctx);
    const sub = loadFiles(absolute, { ...ctx, projectDir, lookup: env });
    setDefaults(sub, []);
    resolvePaths(sub, [], { workingDir: relativePath(ctx.projectDir, projectDir), home: ctx.home });
    resolveEnvironmentLists(sub, env);
    importResources(sub, cfg, file);
  }
}

/** The included project's `.env` under the including environment: compose-go's Mapping.Merge adds only unset keys. */
function includedEnv(projectDir: string, ctx: IncludeContext): (name: string) => string | undefined {
  const path = joinPath(projectDir, '.env');
  const text = ctx.readFile(path);
  if (text === undefined) return ctx.lookup;
  const values = new Map<string, string>();
  try {
    for (const entry of parseDotenv(text, { file: path, lookup: ctx.lookup, secret: true }).entries) values.set(entry.key, entry.value);
  } catch {
    return unsupported(`${path} does not parse: compose reports it`);
  }
  return (name) => ctx.lookup(name) ?? values.get(name);
}

function importResources(source: ModelMap, target: ModelMap, file: string): void {
  for (const kind of ['services', 'volumes', 'networks', 'secrets', 'configs']) {
    const from = source[kind];
    if (!isMap(from)) continue;
    const to: ModelMap = isMap(target[kind]) ? (target[kind] as ModelMap) : {};
    for (const name of Object.keys(from)) {
      if (name in to) {
        if (firstModelDifference(from[name] as ModelNode, to[name] as ModelNode) === undefined) continue;
        unsupported(`${kind}.${name} conflicts with an imported resource: compose reports it`, file);
      }
      to[name] = from[name]!;
    }
    target[kind] = to;
  }
}
