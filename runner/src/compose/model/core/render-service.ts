// Renders one normalised service as `docker compose config --format json` prints it (compose-go types.ServiceConfig).
import { parseEnvFileOnce, type EnvFileMemo } from './env-file-memo';
import { splitShellWords } from './go-values';
import { droppedExtensions, isMap, markStruct, unsupported, type ModelMap, type ModelNode } from './model-tree';
import {
  bool, boolPointer, duration, float32, int, intPointer, listOf, mapping, mappingWithEquals, namedMap, options, renderStruct,
  sortKeys, str, stringList, stringOrNumberList, strings, struct, unitBytes, type Render,
} from './render-fields';

/** Reads an env_file for a service's environment; undefined when it does not exist. */
export type EnvFileReader = (path: string) => string | undefined;

export interface ServiceRenderContext {
  /** The project's environment (interpolation env): bare keys and env_file references resolve against it. */
  env: (name: string) => string | undefined;
  readEnvFile: EnvFileReader;
  /**
   * Keep `env_file` as references (for the single file compose is handed) instead of folding the files' values
   * into `environment`: compose reads them itself at call time, so their values never reach Harbor's file.
   */
  keepEnvFiles?: boolean;
  /** Env files already parsed in this build (see parseEnvFileOnce). */
  envFiles: EnvFileMemo;
}

const fileMode: Render = (v, w) => {
  if (v === null) return undefined;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^[0-7]+$/.test(v)) return Number.parseInt(v, 8);
  return unsupported('a file mode that is neither an integer nor octal text: compose reports it', w);
};

const fileRef = struct({ source: str, target: str, uid: str, gid: str, mode: fileMode });

const deviceCount: Render = (v, w) => {
  if (typeof v === 'number' && Number.isInteger(v)) return v === 0 ? undefined : v;
  if (typeof v === 'string') {
    if (v.toLowerCase() === 'all') return -1;
    if (/^[-+]?[0-9]+$/.test(v)) return Number(v) === 0 ? undefined : Number(v);
  }
  return unsupported('a device count that is neither "all" nor a number: compose reports it', w);
};

const deviceRequest = struct({ capabilities: strings, driver: str, count: deviceCount, device_ids: strings, options: mapping });

const ulimit: Render = (v, w) => {
  if (typeof v === 'number' && Number.isInteger(v)) return v === 0 ? {} : v;
  if (!isMap(v)) return unsupported('an ulimit that is neither a number nor a mapping', w);
  for (const key of Object.keys(v)) if (key !== 'soft' && key !== 'hard') unsupported(`the ulimit field "${key}"`, w);
  const out: ModelMap = {};
  for (const key of ['soft', 'hard'] as const) {
    if (!(key in v)) continue;
    if (typeof v[key] !== 'number' || !Number.isInteger(v[key])) unsupported('an ulimit that is not an integer: compose reports it', w);
    if (v[key] !== 0) out[key] = v[key]!;
  }
  return markStruct(out);
};

/** compose-go HostsList: `host=ip` or `host:ip` entries (or a mapping), printed sorted with `=`. */
const hostsList: Render = (v, w) => {
  if (v === null) return undefined;
  const entries: string[] = [];
  if (Array.isArray(v)) {
    for (const item of v) {
      const text = String(item);
      const eq = text.indexOf('=');
      const colon = text.indexOf(':');
      const at = eq >= 0 ? eq : colon;
      if (at < 0) unsupported(`extra host "${text}" has no IP: compose reports it`, w);
      const host = text.slice(0, at);
      const ip = text.slice(at + 1);
      if (host === '' || host.includes(':') || host.includes('=') || ip === '') unsupported(`extra host "${text}"`, w);
      entries.push(`${host}=${ip}`);
    }
  } else if (isMap(v)) {
    for (const key of Object.keys(v)) entries.push(`${key}=${v[key] === null ? '' : String(v[key])}`);
  } else return unsupported('extra_hosts that is neither a list nor a mapping', w);
  return entries.length === 0 ? undefined : entries.sort();
};

const healthTest: Render = (v, w) => {
  if (typeof v === 'string') return ['CMD-SHELL', v];
  if (Array.isArray(v) && v.every((item) => typeof item === 'string')) return v.length === 0 ? undefined : v;
  return unsupported('a healthcheck test that is neither a string nor a list of strings', w);
};

const port = struct({
  name: str, mode: str, host_ip: str,
  target: (v, w) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? (v === 0 ? undefined : v) : unsupported('a port target that is not a number', w)),
  published: str, protocol: str, app_protocol: str,
});

const volume = struct({
  type: str, source: str, target: str, read_only: bool, consistency: str,
  bind: struct({ selinux: str, propagation: str, create_host_path: bool }),
  volume: struct({ nocopy: bool, subpath: str }),
  tmpfs: struct({ size: unitBytes, mode: fileMode }),
});

const resource = struct({ cpus: float32, memory: unitBytes, pids: int, devices: listOf(deviceRequest) });

const deploy: Render = (v, w) => {
  if (v === null) return undefined;
  if (!isMap(v)) return unsupported('deploy that is not a mapping', w);
  const out = renderStruct(v, {
    mode: str, replicas: intPointer, labels: mapping, resources: struct({ limits: resource, reservations: resource }), endpoint_mode: str,
    restart_policy: struct({ condition: str, delay: duration, max_attempts: intPointer, window: duration }),
    placement: struct({ constraints: strings, max_replicas_per_node: int }),
  }, w);
  // Resources and Placement are struct values in compose-go: encoding/json prints them even when empty.
  const ordered: ModelMap = {};
  for (const key of ['mode', 'replicas', 'labels', 'resources', 'restart_policy', 'placement', 'endpoint_mode']) {
    if (key in out) ordered[key] = out[key]!;
    else if (key === 'resources' || key === 'placement') ordered[key] = {};
  }
  return markStruct(ordered, droppedExtensions(out));
};

const build: Render = (v, w) => {
  if (!isMap(v)) return unsupported('build that is not a mapping', w);
  const out = renderStruct(v, {
    context: str, dockerfile: str, dockerfile_inline: str,
    args: (a, aw) => (a === null ? undefined : sortKeys(mappingWithEquals(a, aw))),
    labels: mapping, cache_from: stringList, cache_to: stringList, no_cache: bool, additional_contexts: mapping,
    pull: bool, extra_hosts: hostsList, isolation: str, network: str, target: str, secrets: listOf(fileRef),
    shm_size: unitBytes, tags: stringList, ulimits: namedMap(ulimit), platforms: stringList, privileged: bool,
  }, w);
  if (isMap(out.args) && Object.keys(out.args).length === 0) delete out.args;
  return out;
};

const dependsOn: Render = namedMap((v, w) => {
  if (!isMap(v)) return unsupported('a depends_on entry that is not a mapping', w);
  const out = renderStruct(v, { condition: str, restart: bool, required: boolPointer }, w);
  if (!('required' in out)) out.required = false;
  return out;
});

const serviceNetwork: Render = (v, w) => {
  if (v === null) return null;
  return struct({ priority: int, aliases: strings, ipv4_address: str, ipv6_address: str, link_local_ips: strings, mac_address: str })(v, w) ?? null;
};

const command: Render = (v, w) => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return splitShellWords(v, w);
  if (Array.isArray(v) && v.every((item) => typeof item === 'string')) return v;
  return unsupported('a command that is neither a string nor a list of strings', w);
};

const SERVICE_FIELDS: Record<string, Render> = {
  profiles: strings, annotations: mapping, attach: boolPointer, build, cap_add: strings, cap_drop: strings,
  cgroup_parent: str, cgroup: str, cpu_count: int, cpu_period: int, cpu_quota: int, cpu_rt_period: int,
  cpu_rt_runtime: int, cpus: float32, cpuset: str, cpu_shares: int, command, configs: listOf(fileRef),
  container_name: str, depends_on: dependsOn, deploy, device_cgroup_rules: strings,
  devices: listOf(struct({ source: str, target: str, permissions: str })), dns: stringList, dns_opt: strings,
  dns_search: stringList, domainname: str, entrypoint: command, environment: () => undefined, env_file: () => undefined,
  expose: stringOrNumberList, external_links: strings, extra_hosts: hostsList, group_add: strings,
  gpus: listOf(deviceRequest), hostname: str,
  healthcheck: struct({
    test: healthTest, timeout: duration, interval: duration, retries: intPointer, start_period: duration,
    start_interval: duration, disable: bool,
  }),
  image: str, init: boolPointer, ipc: str, isolation: str, labels: mapping, links: strings,
  logging: struct({ driver: str, options }), mac_address: str, mem_limit: unitBytes, mem_reservation: unitBytes,
  memswap_limit: unitBytes, mem_swappiness: unitBytes, network_mode: str, networks: namedMap(serviceNetwork, true),
  oom_kill_disable: bool, oom_score_adj: int, pid: str, pids_limit: int, platform: str, ports: listOf(port),
  privileged: bool, pull_policy: str, read_only: bool, restart: str, runtime: str, scale: intPointer,
  secrets: listOf(fileRef), security_opt: strings, shm_size: unitBytes, stdin_open: bool, stop_grace_period: duration,
  stop_signal: str, sysctls: mapping, tmpfs: stringList, tty: bool, ulimits: namedMap(ulimit), user: str,
  userns_mode: str, uts: str, volume_driver: str, volumes: listOf(volume), volumes_from: strings, working_dir: str,
};

/** The service as compose prints it: env_file contents folded into `environment`, `command`/`entrypoint` always present. */
export function renderService(service: ModelMap, name: string, ctx: ServiceRenderContext): ModelMap {
  const where = `services.${name}`;
  const out = renderStruct(service, SERVICE_FIELDS, where);
  // ShellCommand has no omitempty in compose-go's JSON tags: an unset command prints as null.
  out.command = 'command' in service ? command(service.command!, `${where}.command`) ?? null : null;
  out.entrypoint = 'entrypoint' in service ? command(service.entrypoint!, `${where}.entrypoint`) ?? null : null;
  const environment = ctx.keepEnvFiles ? ownEnvironment(service, where, ctx) : resolveEnvironment(service, where, ctx);
  if (Object.keys(environment).length > 0) out.environment = sortKeys(environment);
  if (ctx.keepEnvFiles && Array.isArray(service.env_file) && service.env_file.length > 0) out.env_file = envFileReferences(service.env_file, where);
  // encoding/json prints a struct's fields in declaration order.
  const ordered: ModelMap = {};
  for (const key of Object.keys(SERVICE_FIELDS)) if (key in out) ordered[key] = out[key]!;
  return markStruct(ordered, droppedExtensions(out));
}

function ownEnvironment(service: ModelMap, where: string, ctx: ServiceRenderContext): Record<string, string | null> {
  const own = 'environment' in service ? mappingWithEquals(service.environment!, `${where}.environment`) : {};
  for (const key of Object.keys(own)) if (own[key] === null) own[key] = ctx.env(key) ?? null;
  return own;
}

/** compose-go EnvFile's JSON: a required file is its path, an optional one `{path, required: false}`. */
function envFileReferences(files: ModelNode[], where: string): ModelNode[] {
  return files.map((entry) => {
    if (!isMap(entry) || typeof entry.path !== 'string') return unsupported('an env_file entry without a path', where);
    for (const key of Object.keys(entry)) if (key !== 'path' && key !== 'required') unsupported(`env_file.${key}`, where);
    return entry.required === false ? { path: entry.path, required: false } : entry.path;
  });
}

/** compose-go WithServicesEnvironmentResolved: env_file values, in order, then the service's own environment over them. */
function resolveEnvironment(service: ModelMap, where: string, ctx: ServiceRenderContext): Record<string, string | null> {
  const own = ownEnvironment(service, where, ctx);
  const files = service.env_file;
  if (files === undefined || files === null) return own;
  if (!Array.isArray(files)) return unsupported('env_file that is not a list', where);
  const environment: Record<string, string | null> = {};
  for (const entry of files) {
    if (!isMap(entry) || typeof entry.path !== 'string') return unsupported('an env_file entry without a path', where);
    for (const key of Object.keys(entry)) if (key !== 'path' && key !== 'required') unsupported(`env_file.${key}`, where);
    const text = ctx.readEnvFile(entry.path);
    if (text === undefined) {
      if (entry.required !== false) unsupported(`env file ${entry.path} not found: compose reports it`, where);
      continue;
    }
    const lookup = (name: string): string | undefined => {
      const value = environment[name];
      return value !== undefined && value !== null ? value : ctx.env(name);
    };
    let entries;
    try {
      entries = parseEnvFileOnce(ctx.envFiles, entry.path, text, lookup);
    } catch {
      return unsupported(`env file ${entry.path} does not parse: compose reports it`, where);
    }
    for (const e of entries) environment[e.key] = e.value;
  }
  return Object.assign(environment, own);
}

export { type ModelNode };
