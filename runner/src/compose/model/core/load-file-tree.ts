// One compose file into the model so far, as compose-go's loadYamlFile: interpolate, extends, !reset, include, merge, canonical form.
import { applyInclude } from './apply-include';
import { canonicalize } from './canonical-model';
import { enforceUnicity } from './enforce-unicity';
import { interpolateModel, type ReferenceListener } from './interpolate-model';
import { mergeModel, mergeNode } from './merge-model';
import { deepClone, isMap, unsupported, type ModelMap, type ModelNode } from './model-tree';
import { parseComposeYaml, type ComposeDocument } from './parse-compose-yaml';
import { dirname, isAbsolutePath, joinPath, relativePath } from './posix-path';
import { resolvePaths } from './resolve-paths';

export interface FileLoadContext {
  /** Reads a file by absolute path; undefined when it does not exist. */
  readFile: (path: string) => string | undefined;
  /** The project directory: `extends.file` and include paths are relative to it. */
  projectDir: string;
  lookup: (name: string) => string | undefined;
  home: string | undefined;
  onReference?: ReferenceListener;
  /** Files already parsed, by path (with the text they were parsed from): see ComposeModelInput.parsed. */
  parsed?: Map<string, { text: string; documents: ComposeDocument[] }>;
}

const RESOURCE_KINDS = ['services', 'networks', 'volumes', 'secrets', 'configs'];

/** Merges every document of `file` into `dict` (mutated) and returns it. */
export function loadFileInto(dict: ModelMap, file: string, ctx: FileLoadContext, options: { extends: boolean; include: boolean } = { extends: true, include: true }): ModelMap {
  const text = ctx.readFile(file);
  if (text === undefined) unsupported('the file does not exist: compose reports it', file);
  for (const document of parseOnce(text, file, ctx.parsed)) {
    const cfg = interpolateModel(document.tree, ctx.lookup, file, ctx.onReference);
    checkTopLevel(cfg, file);
    if (options.extends) applyExtends(cfg, file, document.resetPaths, ctx);
    for (const path of document.resetPaths) deleteAt(dict, path);
    if ('include' in cfg) {
      if (!options.include) unsupported('an include inside an included or extended file', file);
      applyInclude(cfg, file, ctx, (files, sub) => files.reduce((into, f) => loadFileInto(into, f, { ...ctx, ...sub }, { extends: true, include: false }), {} as ModelMap));
    }
    const touched = touchedEntries(cfg);
    mergeModel(dict, cfg);
    delete dict.version;
    for (const [kind, name] of touched) {
      const holder = kind === '' ? dict : (dict[kind] as ModelMap);
      const key = name;
      if (!(key in holder)) continue;
      const path = kind === '' ? [name] : [kind, name];
      holder[key] = enforceUnicity(holder[key]!, path);
      holder[key] = canonicalize(holder[key]!, path);
      if (kind === 'services') omitEmptyDns(holder[key]!);
      holder[key] = enforceUnicity(holder[key]!, path);
    }
  }
  return dict;
}

/** Parsing is most of a build's time; the parsed tree is only read (interpolation builds a new one), so it can be shared. */
function parseOnce(text: string, file: string, parsed: FileLoadContext['parsed']): ComposeDocument[] {
  const known = parsed?.get(file);
  if (known !== undefined && known.text === text) return known.documents;
  const documents = parseComposeYaml(text, file);
  parsed?.set(file, { text, documents });
  return documents;
}

function checkTopLevel(cfg: ModelMap, file: string): void {
  for (const kind of RESOURCE_KINDS) {
    const section = cfg[kind];
    if (section === undefined || section === null) continue;
    if (!isMap(section)) unsupported(`${kind} that is not a mapping: compose reports it`, file);
    // compose-go's dotted paths would split a name holding a dot: not reproduced.
    for (const name of Object.keys(section)) {
      if (name.includes('.')) unsupported(`the name "${name}" holds a dot`, `${file}: ${kind}`);
      // compose's schema: every service and resource name matches ^[a-zA-Z0-9._-]+$.
      if (!/^[a-zA-Z0-9._-]+$/.test(name)) unsupported(`the name "${name}" is not one compose's schema allows: compose reports it`, `${file}: ${kind}`);
    }
  }
}

/** The top-level entries a file sets: [kind, name] for services and resources, ['', key] for anything else. */
function touchedEntries(cfg: ModelMap): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const key of Object.keys(cfg)) {
    const section = cfg[key];
    if (RESOURCE_KINDS.includes(key) && isMap(section)) for (const name of Object.keys(section)) out.push([key, name]);
    else out.push(['', key]);
  }
  return out;
}

/** compose-go OmitEmpty: empty entries of services.*.dns are dropped. */
function omitEmptyDns(service: ModelNode): void {
  if (!isMap(service)) return;
  if (Array.isArray(service.dns)) service.dns = service.dns.filter((e) => e !== null && e !== '');
}

/** ResetProcessor.Apply: removes the value at a `!reset` / `!override` path (map keys only, as compose-go matches). */
function deleteAt(dict: ModelMap, path: readonly string[]): void {
  let node: ModelNode | undefined = dict;
  for (let i = 0; i < path.length - 1; i++) {
    if (!isMap(node)) return;
    node = node[path[i]!];
  }
  if (isMap(node)) delete node[path[path.length - 1]!];
}

interface ExtendsFrame {
  file: string;
  service: string;
}

function applyExtends(cfg: ModelMap, file: string, resets: string[][], ctx: FileLoadContext): void {
  const services = cfg.services;
  if (!isMap(services)) return;
  for (const name of Object.keys(services)) services[name] = extendService(name, services, file, [], resets, ctx, false);
}

function extendService(name: string, services: ModelMap, file: string, chain: ExtendsFrame[], resets: string[][], ctx: FileLoadContext, fromOtherFile: boolean): ModelNode {
  const service = services[name];
  if (service === null || service === undefined) return null;
  if (!isMap(service)) return unsupported('a service that is not a mapping: compose reports it', `${file}: services.${name}`);
  const ext = service.extends;
  if (ext === undefined) return service;
  if (fromOtherFile) unsupported('extends inside a service extended from another file', `${file}: services.${name}`);
  let ref: string;
  let refFile: string | undefined;
  if (typeof ext === 'string') ref = ext;
  else if (isMap(ext) && typeof ext.service === 'string' && (ext.file === undefined || typeof ext.file === 'string')) {
    ref = ext.service;
    refFile = ext.file as string | undefined;
  } else return unsupported('extends that is neither a name nor {service, file}', `${file}: services.${name}`);
  let baseServices = services;
  let baseFile = file;
  let fromFile = false;
  if (refFile !== undefined) {
    baseServices = loadExtendsBase(refFile, ref, name, ctx);
    baseFile = refFile;
    fromFile = true;
  } else if (!(ref in services)) unsupported(`extends unknown service "${ref}": compose reports it`, `${file}: services.${name}`);
  if (chain.some((f) => f.file === baseFile && f.service === name)) unsupported('circular extends: compose reports it', `${file}: services.${name}`);
  const base = extendService(ref, baseServices, baseFile, [...chain, { file: baseFile, service: name }], resets, ctx, fromFile);
  if (base === null) return service;
  const source = deepClone(base) as ModelMap;
  const holder: ModelMap = { services: { [name]: source } };
  for (const path of resets) deleteAt(holder, path);
  const merged = mergeNode(source, service, ['services', 'x']) as ModelMap;
  delete merged.extends;
  services[name] = merged;
  return merged;
}

/** The services of an `extends.file`, loaded alone (no extends, no defaults), paths relative to the project directory. */
function loadExtendsBase(refFile: string, ref: string, name: string, ctx: FileLoadContext): ModelMap {
  const absolute = isAbsolutePath(refFile) ? refFile : joinPath(ctx.projectDir, refFile);
  const tree = loadFileInto({}, absolute, ctx, { extends: false, include: false });
  const services = tree.services;
  if (!isMap(services) || !(ref in services)) return unsupported(`extends: service "${ref}" not found in ${refFile}: compose reports it`, `services.${name}`);
  resolvePaths(tree, [], { workingDir: relativePath(ctx.projectDir, dirname(absolute)), home: ctx.home });
  return services;
}
