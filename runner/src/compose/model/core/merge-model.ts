// Merges one compose file's tree into the model so far with compose-go's per-field rules (override/merge.go).
import { compareCodePoints } from '../../../shared/core/compare-code-points';
import { goSprint, isMap, matches, pattern, unsupported, type ModelMap, type ModelNode } from './model-tree';

type Merger = (base: ModelNode, other: ModelNode, path: string[]) => ModelNode;

const STARTED: ModelMap = { condition: 'service_started', required: true };

// compose-go override/merge.go mergeSpecials: fields that are replaced, appended as `key=value` lists, or merged by key.
const SPECIALS: Array<[string[], Merger]> = (
  [
    ['networks.*.ipam.config', () => unsupported('merging networks.*.ipam.config')],
    ['networks.*.labels', mergeToSequence], ['volumes.*.labels', mergeToSequence],
    ['services.*.annotations', mergeToSequence], ['services.*.build', mergeBuild],
    ['services.*.build.args', mergeToSequence], ['services.*.build.additional_contexts', mergeToSequence],
    ['services.*.build.extra_hosts', mergeExtraHosts], ['services.*.build.labels', mergeToSequence],
    ['services.*.command', replace], ['services.*.depends_on', mergeDependsOn],
    ['services.*.deploy.labels', mergeToSequence], ['services.*.dns', mergeToSequence],
    ['services.*.dns_opt', mergeToSequence], ['services.*.dns_search', mergeToSequence],
    ['services.*.entrypoint', replace], ['services.*.env_file', mergeToSequence],
    ['services.*.label_file', mergeToSequence], ['services.*.environment', mergeToSequence],
    ['services.*.extra_hosts', mergeExtraHosts], ['services.*.healthcheck.test', replace],
    ['services.*.labels', mergeToSequence], ['services.*.logging', mergeLogging],
    ['services.*.networks', mergeNetworks], ['services.*.sysctls', mergeToSequence], ['services.*.tmpfs', mergeToSequence],
    ['services.*.ulimits.*', mergeUlimit],
  ] as Array<[string, Merger]>
).map(([p, m]) => [pattern(p), m]);

/** Merges `other` (the later file) into `base`, in place where compose-go mutates, and returns the result. */
export function mergeModel(base: ModelMap, other: ModelMap, path: string[] = []): ModelMap {
  return mergeMappings(base, other, path);
}

/** compose-go's mergeYaml: a special rule for the path, else maps merge by key, lists append, scalars replace. */
export function mergeNode(base: ModelNode, other: ModelNode, path: string[]): ModelNode {
  for (const [p, merger] of SPECIALS) if (matches(path, p)) return merger(base, other, path);
  if (other === null) return base;
  if (isMap(base)) {
    if (!isMap(other)) unsupported('cannot override a mapping with a non-mapping: compose reports it', path.join('.'));
    return mergeMappings(base, other, path);
  }
  if (Array.isArray(base)) {
    if (!Array.isArray(other)) unsupported('cannot override a list with a non-list: compose reports it', path.join('.'));
    return [...base, ...other];
  }
  return other;
}

function mergeMappings(mapping: ModelMap, other: ModelMap, path: string[]): ModelMap {
  for (const key of Object.keys(other)) {
    const value = other[key]!;
    if (!(key in mapping) || key.startsWith('x-')) {
      mapping[key] = value;
      continue;
    }
    mapping[key] = mergeNode(mapping[key]!, value, [...path, ...key.split('.')]);
  }
  return mapping;
}

function replace(_base: ModelNode, other: ModelNode): ModelNode {
  return other;
}

function mergeLogging(base: ModelNode, other: ModelNode, path: string[]): ModelNode {
  if (!isMap(base) || !isMap(other)) return unsupported('logging that is not a mapping', path.join('.'));
  // Options merge only when both files name the same driver (or one names none).
  if (!('driver' in other) || !('driver' in base) || other.driver === base.driver) return mergeMappings(base, other, path);
  return other;
}

function mergeBuild(base: ModelNode, other: ModelNode, path: string[]): ModelNode {
  const toBuild = (node: ModelNode): ModelMap => {
    if (typeof node === 'string') return { context: node };
    if (isMap(node)) return node;
    return unsupported('build that is neither a path nor a mapping', path.join('.'));
  };
  return mergeMappings(toBuild(base), toBuild(other), path);
}

function mergeDependsOn(base: ModelNode, other: ModelNode, path: string[]): ModelNode {
  if (other === null) return toMapping(base, STARTED, path);
  return mergeMappings(toMapping(base, STARTED, path), toMapping(other, STARTED, path), path);
}

function mergeNetworks(base: ModelNode, other: ModelNode, path: string[]): ModelNode {
  if (other === null) return toMapping(base, null, path);
  return mergeMappings(toMapping(base, null, path), toMapping(other, null, path), path);
}

/** compose-go mergeUlimit merges the override with itself: the later value wins whole. */
function mergeUlimit(_base: ModelNode, other: ModelNode): ModelNode {
  return other;
}

function mergeToSequence(base: ModelNode, other: ModelNode, path: string[]): ModelNode {
  return [...toSequence(base, path), ...toSequence(other, path)];
}

function mergeExtraHosts(base: ModelNode, other: ModelNode, path: string[]): ModelNode {
  const right = toSequence(base, path);
  const left = toSequence(other, path).filter((entry) => !right.includes(entry));
  return [...right, ...left];
}

/** compose-go convertIntoSequence: a mapping becomes sorted `key=value` (or bare `key`) strings. */
export function toSequence(node: ModelNode, path: string[]): ModelNode[] {
  if (Array.isArray(node)) return node;
  if (typeof node === 'string') return [node];
  if (isMap(node)) {
    const seq: string[] = [];
    for (const key of Object.keys(node)) {
      const value = node[key]!;
      if (value === null) seq.push(key);
      else if (Array.isArray(value)) for (const item of value) seq.push(`${key}=${goSprint(item, path.join('.'))}`);
      else seq.push(`${key}=${goSprint(value, path.join('.'))}`);
    }
    return seq.sort(compareCodePoints);
  }
  return [];
}

function toMapping(node: ModelNode, defaults: ModelMap | null, path: string[]): ModelMap {
  if (isMap(node)) return node;
  if (Array.isArray(node)) {
    const out: ModelMap = {};
    for (const item of node) {
      if (typeof item !== 'string') unsupported('a list item that is not a string', path.join('.'));
      out[item] = defaults === null ? null : { ...defaults };
    }
    return out;
  }
  return unsupported('a value that is neither a list nor a mapping', path.join('.'));
}
