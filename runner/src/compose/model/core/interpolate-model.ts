// Interpolates `${VAR}` in every string value of a decoded compose file, casting typed fields as compose-go does (loader/interpolate.go).
import { expandVariables, type VariableLookup } from '../../../env/core/expand-variables';
import { isMap, matches, pattern, unsupported, type ModelMap, type ModelNode } from './model-tree';

type Cast = 'int' | 'float' | 'bool';

// compose-go loader/interpolate.go interpolateTypeCastMapping ("[]" is a list item, "*" any key).
const CASTS: Array<[string[], Cast]> = (
  [
    ['services.*.cpu_count', 'int'], ['services.*.cpu_percent', 'float'], ['services.*.cpu_period', 'int'],
    ['services.*.cpu_quota', 'int'], ['services.*.cpu_rt_period', 'int'], ['services.*.cpu_rt_runtime', 'int'],
    ['services.*.cpus', 'float'], ['services.*.cpu_shares', 'int'], ['services.*.init', 'bool'],
    ['services.*.deploy.replicas', 'int'], ['services.*.deploy.update_config.parallelism', 'int'],
    ['services.*.deploy.update_config.max_failure_ratio', 'float'], ['services.*.deploy.rollback_config.parallelism', 'int'],
    ['services.*.deploy.rollback_config.max_failure_ratio', 'float'], ['services.*.deploy.restart_policy.max_attempts', 'int'],
    ['services.*.deploy.placement.max_replicas_per_node', 'int'], ['services.*.healthcheck.retries', 'int'],
    ['services.*.healthcheck.disable', 'bool'], ['services.*.oom_kill_disable', 'bool'], ['services.*.oom_score_adj', 'int'],
    ['services.*.pids_limit', 'int'], ['services.*.ports.[].target', 'int'], ['services.*.privileged', 'bool'],
    ['services.*.read_only', 'bool'], ['services.*.scale', 'int'], ['services.*.stdin_open', 'bool'], ['services.*.tty', 'bool'],
    ['services.*.ulimits.*', 'int'], ['services.*.ulimits.*.hard', 'int'], ['services.*.ulimits.*.soft', 'int'],
    ['services.*.volumes.[].read_only', 'bool'], ['services.*.volumes.[].volume.nocopy', 'bool'],
    ['networks.*.external', 'bool'], ['networks.*.internal', 'bool'], ['networks.*.attachable', 'bool'],
    ['networks.*.enable_ipv4', 'bool'], ['networks.*.enable_ipv6', 'bool'], ['volumes.*.external', 'bool'],
    ['secrets.*.external', 'bool'], ['configs.*.external', 'bool'],
  ] as Array<[string, Cast]>
).map(([p, c]) => [pattern(p), c]);

/** Called for every string that referenced variables: its path, the template, and the names it read. */
export type ReferenceListener = (path: readonly string[], template: string, names: readonly string[]) => void;

/**
 * Returns a copy of `tree` with every string value interpolated (keys are not). A malformed reference or a
 * missing required variable is left for compose to report in its own words (unsupported).
 */
export function interpolateModel(tree: ModelMap, lookup: VariableLookup, where: string, onReference?: ReferenceListener): ModelMap {
  // One path stack for the whole walk (pushed and popped), not an array per node: files are walked thousands of times.
  const path: string[] = [];
  const walk = (node: ModelNode): ModelNode => {
    if (typeof node === 'string') return interpolateString(node, path, lookup, where, onReference);
    if (Array.isArray(node)) {
      path.push('[]');
      const out = node.map(walk);
      path.pop();
      return out;
    }
    if (isMap(node)) {
      const out: ModelMap = {};
      for (const key of Object.keys(node)) {
        // compose-go splits paths on dots: a key holding dots makes a longer path, and no cast matches it.
        const parts = key.includes('.') ? key.split('.') : [key];
        path.push(...parts);
        out[key] = walk(node[key]!);
        path.length -= parts.length;
      }
      return out;
    }
    return node;
  };
  return walk(tree) as ModelMap;
}

function interpolateString(text: string, path: readonly string[], lookup: VariableLookup, where: string, onReference?: ReferenceListener): ModelNode {
  let value = text;
  if (text.includes('$')) {
    const names: string[] = [];
    const tracking: VariableLookup = onReference ? (name) => (names.push(name), lookup(name)) : lookup;
    try {
      value = expandVariables(text, tracking).value;
    } catch (err) {
      unsupported(`interpolation fails (${(err as Error).message}): compose reports it`, `${where}: ${path.join('.')}`);
    }
    if (onReference && names.length > 0) onReference([...path], text, names);
  }
  if (path.length < 2 || !CAST_ROOTS.has(path[0]!)) return value;
  const cast = CASTS.find(([p]) => matches(path, p))?.[1];
  return cast === undefined ? value : castValue(value, cast, `${where}: ${path.join('.')}`);
}

const CAST_ROOTS = new Set(CASTS.map(([p]) => p[0]!));

function castValue(value: string, cast: Cast, where: string): ModelNode {
  switch (cast) {
    case 'int':
      if (!/^[-+]?[0-9]+$/.test(value)) unsupported(`"${value}" is not an integer: compose reports it`, where);
      return Number.parseInt(value, 10);
    case 'float': {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) unsupported(`"${value}" is not a number: compose reports it`, where);
      return n;
    }
    case 'bool':
      switch (value.toLowerCase()) {
        case 'true': return true;
        case 'false': return false;
        // compose-go accepts y/yes/on and n/no/off with a warning: left to compose.
        default: return unsupported(`"${value}" as a boolean`, where);
      }
  }
}
