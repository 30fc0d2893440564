// Assembles what `harbor size` prints: per service and in total, every kind of disk use counted once.
import { sumSharedLayers, type ImageLayers } from './image-layers';
import type { ServiceMounts } from './compose-mounts';

export interface SizeInputs {
  services: readonly ServiceMounts[];
  /** Image reference (as in ServiceMounts.image) → its layers; absent when the image is not on this host. */
  images: ReadonlyMap<string, ImageLayers>;
  /** Service → the writable layers of its containers (bytes, summed over replicas and one-offs). */
  writable: ReadonlyMap<string, number>;
  /** Volume name → bytes; absent when the volume does not exist (yet). */
  volumes: ReadonlyMap<string, number>;
  /** Host path → bytes; absent when it does not exist. */
  binds: ReadonlyMap<string, number>;
  /** The home's var/ folder (absolute) and its size: bind mounts inside it are counted with it, not again. */
  varPath: string;
  varBytes: number;
}

export interface ServiceSize {
  service: string;
  image: { name: string; id: string | null; bytes: number; approximate: boolean };
  writable: number;
  volumes: Array<{ name: string; bytes: number | null }>;
  binds: Array<{ path: string; bytes: number | null }>;
  /** image + writable + volumes + binds of this service alone (shared things count in full for each service). */
  total: number;
}

export interface SizeReport {
  services: ServiceSize[];
  totals: { images: number; writable: number; volumes: number; binds: number; var: number; total: number };
}

/** Totals count a shared layer, volume or folder once; a folder inside another bind-mounted folder (or var/) is not added again. */
export function buildSizeReport(input: SizeInputs): SizeReport {
  const services = input.services.map((s): ServiceSize => {
    const image = input.images.get(s.image);
    const volumes = s.volumes.map((name) => ({ name, bytes: input.volumes.get(name) ?? null }));
    const binds = s.binds.map((path) => ({ path, bytes: input.binds.get(path) ?? null }));
    const writable = input.writable.get(s.service) ?? 0;
    const sum = (items: Array<{ bytes: number | null }>) => items.reduce((a, b) => a + (b.bytes ?? 0), 0);
    return {
      service: s.service,
      image: { name: s.image, id: image?.id ?? null, bytes: image?.bytes ?? 0, approximate: image?.approximate ?? false },
      writable,
      volumes,
      binds,
      total: (image?.bytes ?? 0) + writable + sum(volumes) + sum(binds),
    };
  });
  const imageSet = new Map<string, ImageLayers>();
  for (const s of input.services) {
    const image = input.images.get(s.image);
    if (image) imageSet.set(image.id, image);
  }
  const images = sumSharedLayers([...imageSet.values()]);
  const writable = [...input.writable.values()].reduce((a, b) => a + b, 0);
  const volumeNames = new Set(input.services.flatMap((s) => s.volumes));
  const volumes = [...volumeNames].reduce((a, n) => a + (input.volumes.get(n) ?? 0), 0);
  const binds = selectOutermostPaths([input.varPath, ...input.services.flatMap((s) => s.binds)]).filter((p) => p !== input.varPath).reduce((a, p) => a + (input.binds.get(p) ?? 0), 0);
  return { services, totals: { images, writable, volumes, binds, var: input.varBytes, total: images + writable + volumes + binds + input.varBytes } };
}

/** Paths that are not inside another path of the list (a folder inside a mounted folder is already counted). */
export function selectOutermostPaths(paths: readonly string[]): string[] {
  const unique = [...new Set(paths)];
  return unique.filter((p) => !unique.some((q) => q !== p && p.startsWith(`${q.replace(/\/$/, '')}/`)));
}

/**
 * Decimal units, as `docker system df` prints them.
 * @example formatBytes(1652000) // '1.652MB'
 */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes}B` : `${Number(value.toPrecision(4))}${units[unit]}`;
}

/** The table `harbor size` prints. */
export function renderSizeReport(report: SizeReport): string {
  const rows = [['SERVICE', 'IMAGE', 'WRITABLE', 'VOLUMES', 'HOST FOLDERS', 'TOTAL']];
  for (const s of report.services) {
    const sum = (items: Array<{ bytes: number | null }>) => items.reduce((a, b) => a + (b.bytes ?? 0), 0);
    rows.push([s.service, s.image.id ? `${formatBytes(s.image.bytes)}${s.image.approximate ? '~' : ''}` : 'not pulled', formatBytes(s.writable), formatBytes(sum(s.volumes)), formatBytes(sum(s.binds)), formatBytes(s.total)]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const table = rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd()).join('\n');
  const t = report.totals;
  const totals: Array<[string, number]> = [
    ['images (shared layers once)', t.images],
    ["containers' writable layers", t.writable],
    ['named volumes', t.volumes],
    ['bind-mounted host folders', t.binds],
    ['var/ (rendered configs, state)', t.var],
    ['total', t.total],
  ];
  const width = Math.max(...totals.map(([label]) => label.length));
  return `${table}\n\n${totals.map(([label, bytes]) => `${label.padEnd(width)}  ${formatBytes(bytes)}`).join('\n')}\n`;
}
