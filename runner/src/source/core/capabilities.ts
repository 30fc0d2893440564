// Decides which capabilities the host has (nvidia, cdi, rocm, mdc), and reads a `--capabilities` pin.
import { UsageError } from '../../shared/core/errors';
import type { HostFacts } from './host-facts';

/** The capabilities every deployment knows; a descriptor may declare more. */
export const BUILTIN_CAPABILITIES = ['nvidia', 'cdi', 'rocm', 'mdc', 'build'] as const;

/** The CDI spec files that mean the NVIDIA toolkit generated a spec (harbor.sh looks for the same three). */
export const NVIDIA_CDI_SPECS = ['/etc/cdi/nvidia.yaml', '/var/run/cdi/nvidia.yaml', '/var/run/cdi/nvidia-container-toolkit.json'] as const;

/** Compose 2.23.1 is the first "modern compose" (mdc) release. */
const MODERN_COMPOSE = [2, 23, 1] as const;
const PIN_TOKEN = /^[a-z0-9-]+$/;

/**
 * COMPOSE-RULES.md "Capability auto-detection", in its order: nvidia, cdi (only without nvidia), rocm, mdc.
 * @example detectCapabilities(parseHostFacts('nvidia_smi=1 nvidia_ctk=1'), '2.29.0', []) // ['nvidia', 'mdc']
 */
export function detectCapabilities(facts: HostFacts, composeVersion: string | undefined, dockerRuntimes: readonly string[]): string[] {
  const found: string[] = [];
  // An engine with an `nvidia` runtime registered can run GPU containers even when the tools are not on PATH.
  const nvidia = (facts.nvidiaSmi && facts.nvidiaToolkit) || dockerRuntimes.includes('nvidia');
  if (nvidia) found.push('nvidia');
  else if (facts.cdiSpecs.some((spec) => (NVIDIA_CDI_SPECS as readonly string[]).includes(spec))) found.push('cdi');
  if (facts.kfd && facts.driRender && facts.amdgpu) found.push('rocm');
  if (isModernCompose(composeVersion)) found.push('mdc');
  return found;
}

/**
 * Compose at least 2.23.1, after stripping a leading `v` and a `-desktop...` suffix. A version that does not
 * start with X.Y.Z (a dev build, `2.24`) counts as modern, as in v1; an unknown (empty) one does not.
 * @example isModernCompose('v2.23.1') // true
 * @example isModernCompose('2.23.0-desktop.1') // false
 */
export function isModernCompose(version: string | undefined): boolean {
  const text = (version ?? '').trim().replace(/^v/, '').replace(/-desktop.*$/, '');
  if (text === '') return false;
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(text);
  if (!match) return true;
  for (let i = 0; i < MODERN_COMPOSE.length; i++) {
    const part = Number(match[i + 1]);
    if (part !== MODERN_COMPOSE[i]) return part > MODERN_COMPOSE[i]!;
  }
  return true;
}

/**
 * `--capabilities a,b`: the capabilities to use instead of detecting them. Comma-separated, trimmed, first
 * occurrence kept; an empty (or blank) value pins none.
 * @example parseCapabilityPin('nvidia, mdc') // ['nvidia', 'mdc']
 */
export function parseCapabilityPin(text: string): string[] {
  if (text.trim() === '') return [];
  const pinned: string[] = [];
  for (const raw of text.split(',')) {
    const token = raw.trim();
    if (!PIN_TOKEN.test(token)) {
      throw new UsageError(`--capabilities: "${token}" is not a capability name (in "${text}")`, {
        hint: 'give lowercase letters, digits and "-", comma-separated: --capabilities nvidia,mdc (an empty value pins none)',
      });
    }
    if (!pinned.includes(token)) pinned.push(token);
  }
  return pinned;
}
