// Writes the routing overlay with the one atomic writer, or removes it when routing no longer applies.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../shared/atomic-write';
import { ROUTING_OVERLAY_PATH, type RoutingOverlay } from './core/build-routing-overlay';

/** Leaves an unchanged file as it is (its mtime too); returns whether the file's text changed. */
export async function writeRoutingOverlay(home: string, overlay: RoutingOverlay | undefined): Promise<boolean> {
  const path = join(home, ROUTING_OVERLAY_PATH);
  const current = await readRoutingOverlayText(home);
  if (overlay === undefined) {
    if (current !== undefined) await rm(path, { force: true });
    return current !== undefined;
  }
  if (current === overlay.yaml) return false;
  await writeFileAtomic(path, overlay.yaml);
  return true;
}

/** The overlay on disk, or undefined. */
export async function readRoutingOverlayText(home: string): Promise<string | undefined> {
  return readFile(join(home, ROUTING_OVERLAY_PATH), 'utf8').catch(() => undefined);
}
