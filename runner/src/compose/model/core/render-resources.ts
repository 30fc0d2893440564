// Renders the top-level networks, volumes, secrets and configs that enabled services use (compose config drops the rest).
import { droppedExtensions, isMap, markStruct, unsupported, type ModelMap } from './model-tree';
import { bool, boolPointer, listOf, mapping, namedMap, options, renderStruct, str, struct, type Render } from './render-fields';

const NETWORK_FIELDS: Record<string, Render> = {
  name: str, driver: str, driver_opts: options,
  ipam: struct({ driver: str, config: listOf(struct({ subnet: str, gateway: str, ip_range: str, aux_addresses: mapping })), options: mapping }),
  external: bool, internal: bool, attachable: bool, labels: mapping, enable_ipv4: boolPointer, enable_ipv6: boolPointer,
};

const network: Render = (v, w) => {
  if (!isMap(v)) return unsupported('a network that is not a mapping', w);
  const out = renderStruct(v, NETWORK_FIELDS, w);
  // In declaration order; `name` is printed even when unset, and IPAMConfig is a struct value: always printed.
  const ordered: ModelMap = {};
  for (const key of Object.keys(NETWORK_FIELDS)) {
    if (key === 'name') ordered.name = out.name ?? null;
    else if (key === 'ipam') ordered.ipam = out.ipam ?? {};
    else if (key in out) ordered[key] = out[key]!;
  }
  return markStruct(ordered, droppedExtensions(out));
};

const volume = struct({ name: str, driver: str, driver_opts: options, external: bool, labels: mapping });
const fileObject = struct({ name: str, file: str, external: bool, labels: mapping });

/** The resources, filtered to what enabled services reference (compose-go Project.WithoutUnnecessaryResources). */
export function renderResources(dict: ModelMap, enabled: Record<string, ModelMap>): ModelMap {
  const used = { networks: new Set<string>(), volumes: new Set<string>(), secrets: new Set<string>(), configs: new Set<string>() };
  for (const service of Object.values(enabled)) {
    if (isMap(service.networks)) for (const name of Object.keys(service.networks)) used.networks.add(name);
    if (Array.isArray(service.volumes)) {
      for (const v of service.volumes) if (isMap(v) && v.type === 'volume' && typeof v.source === 'string' && v.source !== '') used.volumes.add(v.source);
    }
    for (const kind of ['secrets', 'configs'] as const) {
      if (Array.isArray(service[kind])) for (const ref of service[kind]) if (isMap(ref)) used[kind].add(String(ref.source));
    }
    if (isMap(service.build) && Array.isArray(service.build.secrets)) for (const ref of service.build.secrets) if (isMap(ref)) used.secrets.add(String(ref.source));
  }
  const out: ModelMap = {};
  const renderers = { networks: network, volumes: volume, secrets: fileObject, configs: fileObject };
  for (const kind of ['networks', 'volumes', 'secrets', 'configs'] as const) {
    const all = dict[kind];
    if (!isMap(all)) continue;
    const kept: ModelMap = {};
    for (const name of Object.keys(all)) if (used[kind].has(name)) kept[name] = all[name]!;
    const rendered = namedMap(renderers[kind])(kept, kind);
    if (rendered !== undefined && isMap(rendered) && Object.keys(rendered).length > 0) out[kind] = rendered;
  }
  return out;
}
