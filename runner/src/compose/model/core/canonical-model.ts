// Rewrites short syntaxes into compose-go's canonical long form (transform/canonical.go) and sets its defaults (transform/defaults.go).
import { parsePortSpec } from './parse-port';
import { parseVolumeSpec, volumeSpecToMapping } from './parse-volume';
import { isMap, matches, pattern, unsupported, type ModelMap, type ModelNode } from './model-tree';
import { cleanPath } from './posix-path';

type Transform = (node: ModelNode, path: string[]) => ModelNode;

const where = (path: string[]): string => path.join('.');

const fileMount: Transform = (node, path) => {
  if (isMap(node)) return node;
  if (typeof node === 'string') return { source: node };
  return unsupported('a mount that is neither a name nor a mapping', where(path));
};

const keyValue: Transform = (node, path) => {
  if (isMap(node)) return node;
  if (Array.isArray(node)) {
    const out: ModelMap = {};
    for (const item of node) {
      if (typeof item !== 'string' || !item.includes('=')) unsupported('expected key=value: compose reports it', where(path));
      const at = item.indexOf('=');
      out[item.slice(0, at)] = item.slice(at + 1);
    }
    return out;
  }
  return unsupported('neither a list nor a mapping', where(path));
};

const dependsOn: Transform = (node, path) => {
  if (isMap(node)) {
    for (const name of Object.keys(node)) {
      const entry = node[name]!;
      if (!isMap(entry)) unsupported('a depends_on entry that is not a mapping: compose reports it', where(path));
      if (!('condition' in entry)) entry.condition = 'service_started';
      if (!('required' in entry)) entry.required = true;
    }
    return node;
  }
  if (Array.isArray(node)) {
    const out: ModelMap = {};
    for (const name of node) {
      if (typeof name !== 'string') unsupported('a depends_on item that is not a string', where(path));
      out[name] = { condition: 'service_started', required: true };
    }
    return out;
  }
  return unsupported('depends_on that is neither a list nor a mapping', where(path));
};

const envFile: Transform = (node, path) => {
  const one = (entry: ModelNode): ModelNode => {
    if (typeof entry === 'string') return { path: entry, required: true };
    if (isMap(entry)) {
      if (!('required' in entry)) entry.required = true;
      return entry;
    }
    return unsupported('an env_file entry that is neither a path nor a mapping', where(path));
  };
  if (typeof node === 'string') return [one(node)];
  if (Array.isArray(node)) return node.map(one);
  return unsupported('env_file that is neither a path nor a list', where(path));
};

const stringOrList: Transform = (node) => (typeof node === 'string' ? [node] : node);

const extendsRef: Transform = (node, path) => {
  if (isMap(node)) return transformMapping(node, path);
  if (typeof node === 'string') return { service: node };
  return unsupported('extends that is neither a name nor a mapping', where(path));
};

const serviceNetworks: Transform = (node) => {
  if (!Array.isArray(node)) return node;
  const out: ModelMap = {};
  for (const name of node) out[String(name)] = null;
  return out;
};

const volumeMount: Transform = (node, path) => {
  if (isMap(node)) return node;
  if (typeof node === 'string') return volumeSpecToMapping(parseVolumeSpec(node, where(path)), cleanPath);
  return unsupported('a volume that is neither a string nor a mapping', where(path));
};

const deviceMapping: Transform = (node, path) => {
  if (isMap(node)) return node;
  if (typeof node !== 'string') return unsupported('a device that is neither a string nor a mapping', where(path));
  const parts = node.split(':');
  if (parts.length > 3) unsupported(`confusing device mapping "${node}": compose reports it`, where(path));
  const source = parts[0]!;
  const target = parts[1] || source;
  return { source, target, permissions: parts.length === 3 ? parts[2]! : 'rwm' };
};

const ports: Transform = (node, path) => {
  if (!Array.isArray(node)) return unsupported('ports that is not a list: compose reports it', where(path));
  const out: ModelNode[] = [];
  for (const entry of node) {
    if (typeof entry === 'number' && Number.isInteger(entry)) out.push(...parsePortSpec(String(entry), where(path)));
    else if (typeof entry === 'string') out.push(...parsePortSpec(entry, where(path)));
    else if (isMap(entry)) out.push(entry);
    else unsupported('a port that is neither a string, a number nor a mapping', where(path));
  }
  return out;
};

const build: Transform = (node, path) => {
  if (isMap(node)) return transformMapping(node, path);
  if (typeof node === 'string') return { context: node };
  return unsupported('build that is neither a path nor a mapping', where(path));
};

const ulimits: Transform = (node, path) => {
  // compose's schema: a mapping needs both soft and hard (checked per file, where compose checks it).
  if (isMap(node) && !('soft' in node && 'hard' in node)) return unsupported('an ulimit without both soft and hard: compose reports it', where(path));
  if (isMap(node) || (typeof node === 'number' && Number.isInteger(node))) return node;
  return unsupported('an ulimit that is neither a number nor a mapping', where(path));
};

const gpus: Transform = (node, path) => {
  if (Array.isArray(node)) return transformSequence(node, path);
  if (typeof node === 'string') return [{ count: 'all' }];
  return unsupported('gpus that is neither a string nor a list', where(path));
};

const maybeExternal: Transform = (node, path) => {
  if (node === null) return null;
  if (!isMap(node)) return unsupported('a resource that is not a mapping: compose reports it', where(path));
  const resource = transformMapping(node, path);
  if (isMap(resource.external)) unsupported('external as a mapping (deprecated external.name)', where(path));
  return resource;
};

const TRANSFORMS: Array<[string[], Transform]> = (
  [
    ['services.*', (node, path) => (isMap(node) ? transformMapping(node, path) : node)],
    ['services.*.build.secrets.*', fileMount], ['services.*.build.additional_contexts', keyValue],
    ['services.*.depends_on', dependsOn], ['services.*.env_file', envFile], ['services.*.label_file', stringOrList],
    ['services.*.extends', extendsRef], ['services.*.gpus', gpus], ['services.*.networks', serviceNetworks],
    ['services.*.volumes.*', volumeMount], ['services.*.dns', stringOrList], ['services.*.devices.*', deviceMapping],
    ['services.*.secrets.*', fileMount], ['services.*.configs.*', fileMount], ['services.*.ports', ports],
    ['services.*.build', build], ['services.*.build.ssh', () => unsupported('build.ssh')],
    ['services.*.ulimits.*', ulimits], ['services.*.build.ulimits.*', ulimits],
    ['services.*.develop.watch.*.ignore', stringOrList], ['services.*.develop.watch.*.include', stringOrList],
    ['volumes.*', maybeExternal], ['networks.*', maybeExternal], ['secrets.*', maybeExternal], ['configs.*', maybeExternal],
    ['include.*', (node, path) => (isMap(node) ? node : typeof node === 'string' ? { path: node } : unsupported('include entry', where(path)))],
  ] as Array<[string, Transform]>
).map(([p, t]) => [pattern(p), t]);

/** compose-go transform.Canonical on the subtree at `path` (e.g. ['services', 'web']), in place. */
export function canonicalize(node: ModelNode, path: string[]): ModelNode {
  for (const [p, transform] of TRANSFORMS) if (matches(path, p)) return transform(node, path);
  if (isMap(node)) return transformMapping(node, path);
  if (Array.isArray(node)) return transformSequence(node, path);
  return node;
}

function transformMapping(node: ModelMap, path: string[]): ModelMap {
  for (const key of Object.keys(node)) node[key] = canonicalize(node[key]!, [...path, ...key.split('.')]);
  return node;
}

function transformSequence(node: ModelNode[], path: string[]): ModelNode[] {
  for (let i = 0; i < node.length; i++) node[i] = canonicalize(node[i]!, [...path, '[]']);
  return node;
}

const deviceRequest = (node: ModelNode, path: string[]): ModelNode => {
  if (!isMap(node)) return unsupported('a device request that is not a mapping', where(path));
  if (!('count' in node) && !('device_ids' in node)) node.count = 'all';
  return node;
};

const DEFAULTS: Array<[string[], Transform]> = (
  [
    ['services.*.build', (node) => (isMap(node) && !('context' in node) ? Object.assign(node, { context: '.' }) : node)],
    ['services.*.secrets.*', (node, path) => {
      if (!isMap(node)) return unsupported('a secret that is not a mapping', where(path));
      if (!('target' in node)) node.target = `/run/secrets/${String(node.source)}`;
      return node;
    }],
    ['services.*.ports.*', (node) => {
      if (isMap(node)) {
        if (!('protocol' in node)) node.protocol = 'tcp';
        if (!('mode' in node)) node.mode = 'ingress';
      }
      return node;
    }],
    ['services.*.deploy.resources.reservations.devices.*', deviceRequest],
    ['services.*.gpus.*', deviceRequest],
  ] as Array<[string, Transform]>
).map(([p, t]) => [pattern(p), t]);

/** compose-go transform.SetDefaultValues, in place. */
export function setDefaults(node: ModelNode, path: string[]): ModelNode {
  for (const [p, apply] of DEFAULTS) if (matches(path, p)) return apply(node, path);
  if (isMap(node)) for (const key of Object.keys(node)) node[key] = setDefaults(node[key]!, [...path, ...key.split('.')]);
  else if (Array.isArray(node)) for (let i = 0; i < node.length; i++) node[i] = setDefaults(node[i]!, [...path, '[]']);
  return node;
}
