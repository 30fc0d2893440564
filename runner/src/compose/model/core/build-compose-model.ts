// The whole model: every selected file merged as compose-go does, normalised, and rendered as `docker compose config --format json`.
import { compareCodePoints } from '../../../shared/core/compare-code-points';
import { setDefaults } from './canonical-model';
import type { ReferenceListener } from './interpolate-model';
import { loadFileInto, type FileLoadContext } from './load-file-tree';
import { isMap, unsupported, type ModelMap, type ModelNode } from './model-tree';
import { normalizeModel } from './normalize-model';
import { renderResources } from './render-resources';
import type { EnvFileMemo } from './env-file-memo';
import { renderService, type EnvFileReader } from './render-service';
import { resolveModelPaths } from './resolve-paths';
import { resolveEnvironmentLists } from './resolve-environment-lists';

export interface ComposeModelInput {
  /** Absolute paths of the compose files, in `-f` order. */
  files: readonly string[];
  /** The project name (`-p`), already valid for compose. */
  projectName: string;
  /** The project directory (`--project-directory`), absolute. */
  projectDir: string;
  /** What compose interpolates from: its process environment over the project's `.env`. */
  env: Readonly<Record<string, string>>;
  /** HOME, for `~`. */
  home: string | undefined;
  /** Active profiles (`--profile`, COMPOSE_PROFILES). */
  profiles: readonly string[];
  /** Reads compose files, extends files and env_file files by absolute path; undefined when missing. */
  readFile: (path: string) => string | undefined;
  onReference?: ReferenceListener;
  /** Keep env_file entries as references instead of folding their values into environment (see renderService). */
  keepEnvFiles?: boolean;
  /** Shared by builds of the same files with another env (buildSingleComposeFile): each file is parsed once. */
  parsed?: FileLoadContext['parsed'];
  /** Env files parsed by earlier builds (each hit is checked against this build's env: see parseEnvFileOnce). */
  envFiles?: EnvFileMemo;
}

/**
 * Builds the model compose would print for these files and env, or throws ComposeModelUnsupported for anything
 * it does not reproduce exactly (the caller then asks compose).
 * @example buildComposeModel({ files: ['/h/compose.yml'], projectName: 'h', projectDir: '/h', env: {}, home: '/root', profiles: [], readFile }).services
 */
export function buildComposeModel(input: ComposeModelInput): ModelMap {
  if (input.files.length === 0) unsupported('no compose file');
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(input.projectName)) unsupported(`project name "${input.projectName}": compose reports it`);
  const lookup = (name: string): string | undefined => (Object.hasOwn(input.env, name) ? input.env[name] : undefined);
  const ctx = { readFile: input.readFile, projectDir: input.projectDir, lookup, home: input.home, ...(input.onReference && { onReference: input.onReference }), ...(input.parsed && { parsed: input.parsed }) };
  let dict: ModelMap = {};
  for (const file of input.files) dict = loadFileInto(dict, file, ctx);
  if (Object.keys(dict).length === 0) unsupported('empty compose file: compose reports it');
  setDefaults(dict, []);
  resolveModelPaths(dict, { workingDir: input.projectDir, home: input.home });
  resolveEnvironmentLists(dict, lookup);
  normalizeModel(dict, input.projectName, lookup);
  return renderProject(dict, input, lookup);
}

function renderProject(dict: ModelMap, input: ComposeModelInput, lookup: (name: string) => string | undefined): ModelMap {
  for (const key of Object.keys(dict)) {
    if (['services', 'networks', 'volumes', 'secrets', 'configs', 'name'].includes(key) || key.startsWith('x-')) continue;
    unsupported(`the top-level field "${key}"`);
  }
  const all = isMap(dict.services) ? dict.services : {};
  const enabled: Record<string, ModelMap> = {};
  for (const name of Object.keys(all).sort(compareCodePoints)) {
    const service = all[name];
    if (!isMap(service)) return unsupported('a service that is not a mapping: compose reports it', `services.${name}`);
    if (hasProfile(service, input.profiles, name)) enabled[name] = service;
  }
  checkConsistency(dict, enabled, all);
  checkDependencyCycles(enabled);
  const readEnvFile: EnvFileReader = (path) => input.readFile(path);
  const services: ModelMap = {};
  const envFiles = input.envFiles ?? new Map();
  for (const name of Object.keys(enabled)) services[name] = renderService(enabled[name]!, name, { env: lookup, readEnvFile, keepEnvFiles: input.keepEnvFiles === true, envFiles });
  const out: ModelMap = { name: input.projectName, services, ...renderResources(dict, enabled) };
  for (const key of Object.keys(dict)) if (key.startsWith('x-')) out[key] = dict[key]!;
  return sortTopLevel(out);
}

function hasProfile(service: ModelMap, profiles: readonly string[], name: string): boolean {
  const own = service.profiles;
  if (own === undefined || own === null) return true;
  if (!Array.isArray(own) || own.some((p) => typeof p !== 'string')) return unsupported('profiles that is not a list of names', `services.${name}`);
  if (own.length === 0) return true;
  return profiles.includes('*') || own.some((p) => profiles.includes(p as string));
}

/** What compose refuses (it reports these itself): references to services, networks, volumes, secrets, configs that do not exist. */
function checkConsistency(dict: ModelMap, enabled: Record<string, ModelMap>, all: ModelMap): void {
  const declared = (kind: string): ModelMap => (isMap(dict[kind]) ? (dict[kind] as ModelMap) : {});
  for (const [name, service] of Object.entries(enabled)) {
    const where = `services.${name}`;
    if (!('image' in service) && !('build' in service)) unsupported('neither an image nor a build context: compose reports it', where);
    if (isMap(service.depends_on)) {
      for (const dep of Object.keys(service.depends_on)) {
        if (!(dep in enabled)) unsupported(`depends on "${dep}", which is not defined or not enabled: compose reports it`, where);
      }
    }
    if (isMap(service.networks)) for (const net of Object.keys(service.networks)) if (!(net in declared('networks'))) unsupported(`network "${net}" is not declared: compose reports it`, where);
    if (Array.isArray(service.volumes)) {
      for (const volume of service.volumes) {
        if (isMap(volume) && volume.type === 'volume' && typeof volume.source === 'string' && volume.source !== '' && !(volume.source in declared('volumes'))) {
          unsupported(`volume "${volume.source}" is not declared: compose reports it`, where);
        }
      }
    }
    for (const kind of ['secrets', 'configs']) {
      const refs = service[kind];
      if (!Array.isArray(refs)) continue;
      for (const ref of refs) if (isMap(ref) && !(String(ref.source) in declared(kind))) unsupported(`${kind} "${String(ref.source)}" is not declared: compose reports it`, where);
    }
    for (const namespace of ['network_mode', 'ipc', 'pid']) {
      const value = service[namespace];
      if (typeof value === 'string' && value.startsWith('service:') && !(value.slice(8) in enabled)) unsupported(`${namespace} names a service that is not enabled`, where);
    }
  }
}

/** compose refuses a depends_on cycle among the enabled services ("dependency cycle detected"). */
function checkDependencyCycles(enabled: Record<string, ModelMap>): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') unsupported('a dependency cycle: compose reports it', `services.${name}`);
    state.set(name, 'visiting');
    const deps = enabled[name]?.depends_on;
    if (isMap(deps)) for (const dep of Object.keys(deps)) if (dep in enabled) visit(dep);
    state.set(name, 'done');
  };
  for (const name of Object.keys(enabled)) visit(name);
}

/** encoding/json prints a map's keys sorted (the project is a map in compose-go's MarshalJSON). */
function sortTopLevel(out: ModelMap): ModelMap {
  const sorted: ModelMap = {};
  for (const key of Object.keys(out).sort(compareCodePoints)) sorted[key] = out[key] as ModelNode;
  return sorted;
}
