// Compares the Harbor labels of the overlay on disk with a new one: which services a deploy recreates, and why.
import { parse } from 'yaml';
import { compareCodePoints } from '../../shared/core/compare-code-points';
import { HARBOR_LABELS } from './build-prepare-overlay';

export interface RecreatedService {
  service: string;
  /** The Harbor labels whose value differs (added, changed or gone): harbor.env-hash, harbor.config-hash. */
  labels: string[];
}

type Labels = Record<string, Record<string, string>>;

/**
 * Services whose Harbor labels differ between `current` (the overlay's text on disk, undefined when there is
 * none) and `next` (buildPrepareOverlay's labels). Compose also recreates a container for changes it sees
 * itself (a compose file, an interpolated value); these are the ones Harbor's labels add.
 * @example planRecreatedServices('services:\n  web:\n    labels: { harbor.config-hash: a }\n', { web: { 'harbor.config-hash': 'b' } })
 *   // [{ service: 'web', labels: ['harbor.config-hash'] }]
 */
export function planRecreatedServices(current: string | undefined, next: Labels): RecreatedService[] {
  const before = current === undefined ? {} : selectOverlayLabels(current);
  const names = [...new Set([...Object.keys(before), ...Object.keys(next)])].sort(compareCodePoints);
  const out: RecreatedService[] = [];
  for (const service of names) {
    const a = before[service] ?? {};
    const b = next[service] ?? {};
    const labels = HARBOR_LABELS.filter((label) => a[label] !== b[label]);
    if (labels.length) out.push({ service, labels });
  }
  return out;
}

/** Unreadable text gives {}: every labelled service then counts as changed, which only makes `plan` say more. */
function selectOverlayLabels(yaml: string): Labels {
  let data: unknown;
  try {
    data = parse(yaml);
  } catch {
    return {};
  }
  const services = (data as { services?: unknown } | null)?.services;
  if (typeof services !== 'object' || services === null) return {};
  const out: Labels = {};
  for (const [name, entry] of Object.entries(services as Record<string, { labels?: Record<string, unknown> } | null>)) {
    const labels = entry?.labels ?? {};
    out[name] = Object.fromEntries(HARBOR_LABELS.filter((l) => labels[l] !== undefined).map((l) => [l, String(labels[l])]));
  }
  return out;
}
