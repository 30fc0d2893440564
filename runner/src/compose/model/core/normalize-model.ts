// compose-go loader.Normalize (v2.4): the default network, build defaults, bare env keys from the environment, implied depends_on, resource names.
import { isMap, unsupported, type ModelMap, type ModelNode } from './model-tree';
import { cleanPath } from './posix-path';

export type EnvLookup = (name: string) => string | undefined;

/** Normalises the merged model in place; `project` names resources (`<project>_<key>`). */
export function normalizeModel(dict: ModelMap, project: string, env: EnvLookup): ModelMap {
  normalizeNetworks(dict);
  const services = dict.services;
  if (isMap(services)) {
    for (const name of Object.keys(services)) {
      const service = services[name];
      if (!isMap(service)) unsupported('a service that is not a mapping: compose reports it', `services.${name}`);
      normalizeService(service, name, env);
    }
  }
  setNamesFromKeys(dict, project);
  return dict;
}

function normalizeService(service: ModelMap, name: string, env: EnvLookup): void {
  const where = `services.${name}`;
  if (service.pull_policy === 'if_not_present') service.pull_policy = 'missing';
  if ('build' in service) {
    const build = service.build;
    if (!isMap(build)) return unsupported('build that is not a mapping', where);
    if (build.context === undefined || build.context === null) build.context = '.';
    if ((build.dockerfile ?? null) === null && (build.dockerfile_inline ?? null) === null) build.dockerfile = 'Dockerfile';
    if ('args' in build) build.args = resolveBare(build.args!, env, false, where);
  }
  if ('environment' in service) service.environment = resolveBare(service.environment!, env, true, where);
  const dependsOn: ModelMap = isMap(service.depends_on) ? service.depends_on : {};
  const implied = (target: string, restart: boolean): void => {
    if (!(target in dependsOn)) dependsOn[target] = { condition: 'service_started', restart, required: true };
  };
  if ('links' in service) {
    if (!Array.isArray(service.links)) return unsupported('links that is not a list', where);
    for (const link of service.links) {
      if (typeof link !== 'string') return unsupported('a link that is not a string', where);
      const parts = link.split(':');
      implied(parts.length === 2 ? parts[0]! : link, true);
    }
  }
  for (const namespace of ['network_mode', 'ipc', 'pid', 'uts', 'cgroup']) {
    const ref = service[namespace];
    if (ref === undefined) continue;
    if (typeof ref !== 'string') return unsupported(`${namespace} that is not a string`, where);
    if (ref.startsWith('service:')) implied(ref.slice('service:'.length), true);
  }
  if ('volumes_from' in service) {
    if (!Array.isArray(service.volumes_from)) return unsupported('volumes_from that is not a list', where);
    for (const entry of service.volumes_from) {
      if (typeof entry !== 'string') return unsupported('a volumes_from entry that is not a string', where);
      if (!entry.startsWith('container:')) implied(entry.split(':')[0]!, false);
    }
  }
  if (Object.keys(dependsOn).length > 0) service.depends_on = dependsOn;
  if ('volumes' in service) {
    if (!Array.isArray(service.volumes)) return unsupported('volumes that is not a list', where);
    for (const volume of service.volumes) {
      if (!isMap(volume) || typeof volume.target !== 'string') return unsupported('a volume without a target: compose reports it', where);
      volume.target = cleanPath(volume.target);
    }
  }
}

/** compose-go normalize.go resolve(): `KEY` without a value takes the environment's, or is dropped (args) / kept bare (environment). */
function resolveBare(node: ModelNode, env: EnvLookup, keepEmpty: boolean, where: string): ModelNode {
  if (Array.isArray(node)) {
    const out: ModelNode[] = [];
    for (const item of node) {
      if (typeof item !== 'string') continue;
      if (item.includes('=')) out.push(item);
      else {
        const value = env(item);
        if (value !== undefined) out.push(`${item}=${value}`);
        else if (keepEmpty) out.push(item);
      }
    }
    return out;
  }
  if (isMap(node)) {
    const out: ModelMap = {};
    for (const key of Object.keys(node)) {
      const value = node[key]!;
      if (value !== null) out[key] = value;
      else {
        const found = env(key);
        if (found !== undefined) out[key] = found;
        else if (keepEmpty) out[key] = null;
      }
    }
    return out;
  }
  return unsupported('a value that is neither a list nor a mapping', where);
}

/** The implicit `default` network exists only when a service uses it (no networks, or an empty networks section). */
function normalizeNetworks(dict: ModelMap): void {
  const networks: ModelMap = isMap(dict.networks) ? dict.networks : {};
  let usesDefault = false;
  if (isMap(dict.services)) {
    for (const name of Object.keys(dict.services)) {
      const service = dict.services[name];
      if (!isMap(service) || 'network_mode' in service) continue;
      const declared = service.networks;
      if (declared === undefined || (isMap(declared) && Object.keys(declared).length === 0)) {
        service.networks = { default: null };
        usesDefault = true;
      } else if (!isMap(declared)) unsupported('networks that is not a mapping', `services.${name}`);
      else if ('default' in declared) usesDefault = true;
    }
  }
  if (!('default' in networks) && usesDefault) networks.default = null;
  if (Object.keys(networks).length > 0) dict.networks = networks;
}

function setNamesFromKeys(dict: ModelMap, project: string): void {
  for (const kind of ['networks', 'volumes', 'configs', 'secrets']) {
    const resources = dict[kind];
    if (resources === undefined) continue;
    if (!isMap(resources)) return unsupported(`${kind} that is not a mapping: compose reports it`, kind);
    for (const key of Object.keys(resources)) {
      const raw = resources[key];
      const resource: ModelMap = isMap(raw) ? raw : raw === null ? {} : unsupported('a resource that is not a mapping', `${kind}.${key}`);
      if (resource.name === undefined || resource.name === null) {
        resource.name = isTrue(resource.external) ? key : `${project}_${key}`;
      }
      resources[key] = resource;
    }
  }
}

function isTrue(value: ModelNode | undefined): boolean {
  return value === true || (typeof value === 'string' && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value));
}
