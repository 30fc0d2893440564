// Parses a short-syntax service volume (`./data:/data:ro`) as compose-go format.ParseVolume does.
import { unsupported, type ModelMap } from './model-tree';

export interface VolumeSpec {
  type: 'bind' | 'volume';
  source?: string;
  target?: string;
  readOnly: boolean;
  bind?: { propagation?: string; selinux?: string };
  nocopy: boolean;
}

const PROPAGATIONS = new Set(['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave']);
const SELINUX = new Set(['z', 'Z']);

/** @example parseVolumeSpec('./data:/data:ro', 'x').source // './data' */
export function parseVolumeSpec(spec: string, where: string): VolumeSpec {
  const volume: VolumeSpec = { type: 'volume', readOnly: false, nocopy: false };
  if (spec.length === 0) unsupported('an empty volume: compose reports it', where);
  if (spec.length <= 2) return { ...volume, target: spec };
  const fields = spec.split(':');
  // A one-letter first field followed by ':' is a Windows drive to compose-go ("c:\data"): not reproduced.
  if (fields.length > 1 && fields[0]!.length === 1 && /\p{L}/u.test(fields[0]!)) unsupported(`volume "${spec}" (read as a Windows drive)`, where);
  if (fields.some((f) => f === '')) unsupported(`volume "${spec}": empty section between colons`, where);
  if (fields.length > 3) unsupported(`volume "${spec}": too many colons`, where);
  if (fields.length === 1) volume.target = fields[0]!;
  else {
    volume.source = fields[0]!;
    volume.target = fields[1]!;
  }
  if (fields.length === 3) {
    for (const option of fields[2]!.split(',')) {
      if (option === 'ro') volume.readOnly = true;
      else if (option === 'rw') volume.readOnly = false;
      else if (option === 'nocopy') volume.nocopy = true;
      else if (PROPAGATIONS.has(option)) (volume.bind ??= {}).propagation = option;
      else if (SELINUX.has(option)) (volume.bind ??= {}).selinux = option;
    }
  }
  const source = volume.source ?? '';
  if (source !== '' && (source[0] === '.' || source[0] === '/' || source[0] === '~' || source.startsWith('\\\\'))) volume.type = 'bind';
  return volume;
}

/** The canonical mapping compose-go stores for a short-syntax volume (transform/volume.go + mapstructure encode). */
export function volumeSpecToMapping(spec: VolumeSpec, cleanTarget: (target: string) => string): ModelMap {
  const out: ModelMap = { type: spec.type };
  if (spec.source) out.source = spec.source;
  if (spec.target) out.target = cleanTarget(spec.target);
  if (spec.readOnly) out.read_only = true;
  if (spec.type === 'bind') {
    const bind: ModelMap = {};
    if (spec.bind?.propagation) bind.propagation = spec.bind.propagation;
    if (spec.bind?.selinux) bind.selinux = spec.bind.selinux;
    bind.create_host_path = true;
    out.bind = bind;
    if (spec.nocopy) out.volume = { nocopy: true };
  } else {
    if (spec.bind) out.bind = { ...spec.bind };
    out.volume = spec.nocopy ? { nocopy: true } : {};
  }
  return out;
}
