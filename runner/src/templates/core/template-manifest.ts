// var/run/manifest.json: each rendered file with its source, service, engine, hash and mode (parse and render).
import * as v from 'valibot';
import { HarborError } from '../../shared/core/errors';
import { compareCodePoints } from '../../shared/core/compare-code-points';
import type { FileEngine } from './rendered-tree';

export interface ManifestEntry {
  source: string;
  service: string | null;
  engine: FileEngine;
  sha256: string;
  mode: number;
  secret: boolean;
}

export interface TemplateManifest {
  /** By home-relative output path, in code-point order. */
  files: ReadonlyMap<string, ManifestEntry>;
}

export const EMPTY_MANIFEST: TemplateManifest = { files: new Map() };

const EntrySchema = v.strictObject({
  source: v.string(),
  service: v.nullable(v.string()),
  engine: v.picklist(['envsubst', 'liquid', 'copy']),
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  mode: v.pipe(v.string(), v.regex(/^0[0-7]{3}$/)),
  secret: v.boolean(),
});
const ManifestSchema = v.strictObject({ version: v.literal(1), files: v.record(v.string(), EntrySchema) });

/**
 * @example parseTemplateManifest('{"version":1,"files":{}}', 'var/run/manifest.json').files.size // 0
 */
export function parseTemplateManifest(text: string, file: string): TemplateManifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw corrupt(file, (err as Error).message);
  }
  const result = v.safeParse(ManifestSchema, data);
  if (!result.success) {
    const issue = result.issues[0];
    throw corrupt(file, `${issue.path?.map((p) => String(p.key)).join('.') ?? '(top)'}: ${issue.message}`);
  }
  const files = Object.entries(result.output.files)
    .sort(([a], [b]) => compareCodePoints(a, b))
    .map(([path, e]): [string, ManifestEntry] => [path, { ...e, mode: Number.parseInt(e.mode, 8) }]);
  return { files: new Map(files) };
}

/** Stable text (sorted, no timestamps) so the same inputs give the same bytes. */
export function renderTemplateManifest(manifest: TemplateManifest): string {
  const files: Record<string, unknown> = {};
  for (const [path, e] of [...manifest.files].sort(([a], [b]) => compareCodePoints(a, b))) {
    files[path] = { source: e.source, service: e.service, engine: e.engine, sha256: e.sha256, mode: `0${e.mode.toString(8).padStart(3, '0')}`, secret: e.secret };
  }
  return `${JSON.stringify({ version: 1, files }, null, 2)}\n`;
}

function corrupt(file: string, detail: string): HarborError {
  return new HarborError(`${file}: not a valid templates manifest (${detail})`, {
    code: 'MANIFEST',
    hint: `delete ${file}: the next prepare renders every template again (files it wrote before are then left in place)`,
  });
}
