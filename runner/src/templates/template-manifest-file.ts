// Reads var/run/manifest.json and what the files it lists (and the planned ones) are on disk now.
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CurrentFile, CurrentTree } from './core/rendered-tree';
import { MANIFEST_PATH } from '../shared/core/run-paths';
import { EMPTY_MANIFEST, parseTemplateManifest, type TemplateManifest } from './core/template-manifest';

export interface ManifestFile {
  manifest: TemplateManifest;
  /** The file's text, undefined when there is none yet. */
  text: string | undefined;
}

/** A missing manifest is an empty one: nothing was rendered yet. */
export async function readTemplateManifest(home: string): Promise<ManifestFile> {
  const text = await readFile(join(home, MANIFEST_PATH), 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  return { manifest: text === undefined ? EMPTY_MANIFEST : parseTemplateManifest(text, MANIFEST_PATH), text };
}

/**
 * Hashes what is really on disk, so a hand-edited file is put back and a deleted one re-rendered. Files the
 * manifest does not list are looked at only where the plan writes (they are then overwritten, never removed).
 * @example await readCurrentTree(home, manifest, planned.files.keys())
 */
export async function readCurrentTree(home: string, manifest: TemplateManifest, plannedPaths: Iterable<string>): Promise<CurrentTree> {
  const paths = [...new Set([...manifest.files.keys(), ...plannedPaths])];
  const found = paths.map((path): [string, CurrentFile] | undefined => {
    const entry = manifest.files.get(path);
    let info;
    try {
      info = lstatSync(join(home, path));
    } catch {
      return undefined;
    }
    if (!info.isFile() && entry === undefined) return undefined;
    // A link or folder where Harbor rendered a file gets an impossible hash: it differs from every plan.
    const sha256 = info.isFile() ? createHash('sha256').update(readFileSync(join(home, path))).digest('hex') : '';
    return [path, { sha256, mode: info.mode & 0o777, service: entry?.service ?? null, owned: entry !== undefined }];
  });
  return new Map(found.filter((f) => f !== undefined));
}
