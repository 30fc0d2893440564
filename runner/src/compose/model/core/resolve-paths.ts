// Makes relative paths absolute against the project directory, and `~` the user's home (compose-go paths/resolve.go).
import { isMap, matches, pattern, unsupported, type ModelMap, type ModelNode } from './model-tree';
import { isAbsolutePath, joinPath } from './posix-path';

export interface PathContext {
  /** The directory relative paths resolve against (absolute for the project; relative for an extended or included file). */
  workingDir: string;
  /** The user's home directory, for `~`; undefined when HOME is not set (compose leaves `~` alone, with a warning). */
  home: string | undefined;
}

type Resolver = (node: ModelNode, ctx: PathContext, where: string) => ModelNode;

function expandUser(path: string, ctx: PathContext, where: string): string {
  if (!path.startsWith('~')) return path;
  if (ctx.home === undefined) return unsupported('`~` with no HOME', where);
  return joinPath(ctx.home, path.slice(1));
}

const absPath: Resolver = (node, ctx, where) => {
  if (Array.isArray(node)) return node.map((item) => absPath(item, ctx, where));
  if (typeof node !== 'string') return unsupported('a path that is not a string', where);
  const path = expandUser(node, ctx, where);
  if (isAbsolutePath(path) || path === '') return path;
  return joinPath(ctx.workingDir, path);
};

// compose-go maybeUnixPath: also leaves Windows-absolute paths alone; we refuse them instead.
const unixPath: Resolver = (node, ctx, where) => {
  if (typeof node !== 'string') return node;
  const path = expandUser(node, ctx, where);
  if (/^[A-Za-z]:[\\/]|^\\\\/.test(path)) unsupported('a Windows path', where);
  return isAbsolutePath(path) ? path : joinPath(ctx.workingDir, path);
};

const contextPath: Resolver = (node, ctx, where) => {
  if (typeof node !== 'string') return unsupported('a build context that is not a string', where);
  if (node.includes('://') || ['https://', 'http://', 'git://', 'ssh://', 'github.com/', 'git@'].some((p) => node.startsWith(p))) return node;
  return absPath(node, ctx, where);
};

const volumeMount: Resolver = (node, ctx, where) => {
  if (!isMap(node) || node.type !== 'bind') return node;
  if (!('source' in node)) unsupported('a bind mount without a source: compose reports it', where);
  node.source = unixPath(node.source!, ctx, where);
  return node;
};

const volumeDriverOpts: Resolver = (node, ctx, where) => {
  if (!isMap(node) || node.driver !== 'local' || !isMap(node.driver_opts)) return node;
  const opts = node.driver_opts;
  if (opts.o === 'bind' && 'device' in opts) opts.device = unixPath(opts.device!, ctx, where);
  return node;
};

const RESOLVERS: Array<[string[], Resolver]> = (
  [
    ['services.*.build.context', contextPath], ['services.*.build.additional_contexts.*', contextPath],
    ['services.*.build.ssh.*', unixPath], ['services.*.env_file.*.path', absPath], ['services.*.label_file.*', absPath],
    ['services.*.extends.file', absPath], ['services.*.develop.watch.*.path', () => unsupported('develop.watch')],
    ['services.*.volumes.*', volumeMount], ['configs.*.file', unixPath], ['secrets.*.file', unixPath],
    ['include.path', absPath], ['include.project_directory', absPath], ['include.env_file', absPath],
    ['volumes.*', volumeDriverOpts],
  ] as Array<[string, Resolver]>
).map(([p, r]) => [pattern(p), r]);

/** compose-go paths.ResolveRelativePaths on the subtree at `path`, in place. */
export function resolvePaths(node: ModelNode, path: string[], ctx: PathContext): ModelNode {
  for (const [p, resolve] of RESOLVERS) if (matches(path, p)) return resolve(node, ctx, path.join('.'));
  if (isMap(node)) for (const key of Object.keys(node)) node[key] = resolvePaths(node[key]!, [...path, ...key.split('.')], ctx);
  else if (Array.isArray(node)) for (let i = 0; i < node.length; i++) node[i] = resolvePaths(node[i]!, [...path, '[]'], ctx);
  return node;
}

export function resolveModelPaths(model: ModelMap, ctx: PathContext): ModelMap {
  return resolvePaths(model, [], ctx) as ModelMap;
}
