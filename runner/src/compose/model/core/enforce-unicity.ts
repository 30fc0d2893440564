// Removes redefinitions from the lists compose-go keeps unique (override/uncity.go): the first position, the last value.
import { parseVolumeSpec } from './parse-volume';
import { isMap, matches, pattern, unsupported, type ModelMap, type ModelNode } from './model-tree';

type Indexer = (entry: ModelNode, where: string) => string;

const keyValue: Indexer = (entry, where) => {
  if (typeof entry !== 'string') return unsupported('a list item that is not a string: compose reports it', where);
  const at = entry.indexOf('=');
  return at < 0 ? entry : entry.slice(0, at);
};

const volume: Indexer = (entry, where) => {
  if (isMap(entry)) {
    if (typeof entry.target !== 'string') unsupported('a volume without a target: compose reports it', where);
    return entry.target;
  }
  if (typeof entry === 'string') return parseVolumeSpec(entry, where).target ?? '';
  return '';
};

const device: Indexer = (entry, where) => {
  if (isMap(entry)) {
    if (typeof entry.target !== 'string') unsupported('a device without a target: compose reports it', where);
    return entry.target;
  }
  if (typeof entry === 'string') {
    const parts = entry.split(':');
    return parts.length === 1 ? parts[0]! : parts[1]!;
  }
  return '';
};

const mount = (prefix: string): Indexer => (entry, where) => {
  if (typeof entry === 'string') return `${prefix}/${entry}`;
  if (isMap(entry)) {
    if ('target' in entry) {
      if (typeof entry.target !== 'string') unsupported('a mount target that is not a string', where);
      return entry.target;
    }
    return `${prefix}/${goFormat(entry.source, 's')}`;
  }
  return unsupported('a mount that is neither a name nor a mapping', where);
};

const expose: Indexer = (entry, where) => {
  if (typeof entry === 'string') return entry;
  if (typeof entry === 'number' && Number.isInteger(entry)) return String(entry);
  return unsupported('an expose value that is neither a string nor an integer', where);
};

const port: Indexer = (entry) => {
  if (typeof entry === 'number') return String(entry);
  if (typeof entry === 'string') return entry;
  if (isMap(entry)) {
    const host = 'host_ip' in entry ? goFormat(entry.host_ip, 's') : '0.0.0.0';
    const protocol = 'protocol' in entry ? goFormat(entry.protocol, 's') : 'tcp';
    return `${host}:${goFormat(entry.published, 's')}:${goFormat(entry.target, 'd')}/${protocol}`;
  }
  return '';
};

const envFile: Indexer = (entry, where) => {
  if (typeof entry === 'string') return entry;
  if (isMap(entry)) {
    if (typeof entry.path !== 'string') unsupported('an env_file entry without a path: compose reports it', where);
    return entry.path;
  }
  return '';
};

const UNIQUE: Array<[string[], Indexer]> = (
  [
    ['networks.*.labels', keyValue], ['networks.*.ipam.options', keyValue], ['services.*.annotations', keyValue],
    ['services.*.build.args', keyValue], ['services.*.build.additional_contexts', keyValue], ['services.*.build.platform', keyValue],
    ['services.*.build.tags', keyValue], ['services.*.build.labels', keyValue], ['services.*.cap_add', keyValue],
    ['services.*.cap_drop', keyValue], ['services.*.devices', device], ['services.*.configs', mount('')],
    ['services.*.deploy.labels', keyValue], ['services.*.dns', keyValue], ['services.*.dns_opt', keyValue],
    ['services.*.dns_search', keyValue], ['services.*.environment', keyValue], ['services.*.env_file', envFile],
    ['services.*.expose', expose], ['services.*.labels', keyValue], ['services.*.links', keyValue],
    ['services.*.networks.*.aliases', keyValue], ['services.*.networks.*.link_local_ips', keyValue], ['services.*.ports', port],
    ['services.*.profiles', keyValue], ['services.*.secrets', mount('/run/secrets')], ['services.*.sysctls', keyValue],
    ['services.*.tmpfs', keyValue], ['services.*.volumes', volume],
  ] as Array<[string, Indexer]>
).map(([p, i]) => [pattern(p), i]);

// By last segment: most lists a service holds (command, entrypoint...) are rejected without matching a pattern.
const UNIQUE_BY_LAST = new Map<string, Array<[string[], Indexer]>>();
for (const entry of UNIQUE) {
  const last = entry[0][entry[0].length - 1]!;
  UNIQUE_BY_LAST.set(last, [...(UNIQUE_BY_LAST.get(last) ?? []), entry]);
}

/** Applies compose-go's EnforceUnicity to `node` (found at `path`), in place, and returns it. */
export function enforceUnicity(node: ModelNode, path: string[]): ModelNode {
  if (isMap(node)) {
    for (const key of Object.keys(node)) node[key] = enforceUnicity(node[key]!, [...path, ...key.split('.')]);
    return node;
  }
  if (Array.isArray(node)) {
    const indexer = UNIQUE_BY_LAST.get(path[path.length - 1] ?? '')?.find(([p]) => matches(path, p))?.[1];
    if (indexer === undefined) return node;
    const seq: ModelNode[] = [];
    const seen = new Map<string, number>();
    node.forEach((entry, index) => {
      const key = indexer(entry, `${path.join('.')}[${index}]`);
      const at = seen.get(key);
      if (at === undefined) {
        seen.set(key, seq.length);
        seq.push(entry);
      } else seq[at] = entry;
    });
    return seq;
  }
  return node;
}

/** Go's fmt %s / %d of a decoded value, including its `%!s(int=80)` forms (they matter only as unicity keys). */
function goFormat(value: ModelNode | undefined, verb: 's' | 'd'): string {
  if (value === undefined || value === null) return `%!${verb}(<nil>)`;
  if (typeof value === 'string') return verb === 's' ? value : `%!d(string=${value})`;
  if (typeof value === 'number' && Number.isInteger(value)) return verb === 'd' ? String(value) : `%!s(int=${value})`;
  if (typeof value === 'boolean') return `%!${verb}(bool=${value})`;
  return `%!${verb}(${JSON.stringify(value)})`;
}

export type { ModelMap };
