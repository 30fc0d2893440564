// Parses HARBOR_HOST_FACTS, the facts about the host that harbor.sh gathers because a container cannot see them.

export interface HostFacts {
  /** `nvidia-smi` is on the host's PATH. */
  nvidiaSmi: boolean;
  /** `nvidia-ctk` or `nvidia-container-toolkit` is on the host's PATH. */
  nvidiaToolkit: boolean;
  /** The NVIDIA CDI spec files that exist on the host. */
  cdiSpecs: string[];
  /** `/dev/kfd` exists. */
  kfd: boolean;
  /** Some `/dev/dri/renderD*` exists. */
  driRender: boolean;
  /** The `amdgpu` kernel module is loaded. */
  amdgpu: boolean;
  /** `uname -s`. */
  os?: string;
  /** `uname -m`. */
  arch?: string;
  /** The host's LAN address (only when the command has --lan: harbor.sh asks `ip route`, else `hostname -I`). */
  lan?: string;
  /** One line per token that was ignored because it was malformed. */
  warnings: string[];
}

const FLAGS = { nvidia_smi: 'nvidiaSmi', nvidia_ctk: 'nvidiaToolkit', kfd: 'kfd', dri_render: 'driRender', amdgpu: 'amdgpu' } as const;
type FlagKey = keyof typeof FLAGS;

/**
 * Space-separated `key=value` tokens. Missing keys are false or empty; unknown keys are ignored without a
 * word (a newer shim may send more); malformed tokens are ignored with a warning. A later token wins.
 * @example parseHostFacts('os=Linux nvidia_smi=1 cdi=/etc/cdi/nvidia.yaml').cdiSpecs // ['/etc/cdi/nvidia.yaml']
 */
export function parseHostFacts(text: string | undefined): HostFacts {
  const facts: HostFacts = { nvidiaSmi: false, nvidiaToolkit: false, cdiSpecs: [], kfd: false, driRender: false, amdgpu: false, warnings: [] };
  for (const token of (text ?? '').split(/\s+/)) {
    if (token === '') continue;
    const eq = token.indexOf('=');
    if (eq <= 0) {
      facts.warnings.push(`HARBOR_HOST_FACTS: ignored "${token}" (expected key=value)`);
      continue;
    }
    const key = token.slice(0, eq);
    const value = token.slice(eq + 1);
    if (Object.hasOwn(FLAGS, key)) {
      if (value === '0' || value === '1') facts[FLAGS[key as FlagKey]] = value === '1';
      else facts.warnings.push(`HARBOR_HOST_FACTS: ignored "${token}" (${key} must be 0 or 1)`);
    } else if (key === 'cdi') {
      facts.cdiSpecs = value.split(',').filter((spec) => spec !== '');
    } else if (key === 'lan') {
      // An IPv4 or IPv6 address only: it ends up in a URL.
      if (/^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)$/.test(value)) facts.lan = value;
      else facts.warnings.push(`HARBOR_HOST_FACTS: ignored "${token}" (lan must be an IP address)`);
    } else if (key === 'os' || key === 'arch') {
      if (value === '') delete facts[key];
      else facts[key] = value;
    }
  }
  return facts;
}
