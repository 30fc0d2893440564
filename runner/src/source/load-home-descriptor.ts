// Loads the descriptor a home means: etc/harbor.yaml, else v1's layout for a v1 checkout, else the defaults; and which layout that was.
import { join } from 'node:path';
import { loadDescriptor, SYSTEM_DESCRIPTOR, type LoadDescriptorOptions, type LoadedDescriptor } from '../descriptor/descriptor-loader';
import { pathExists } from '../shared/path-exists';
import { buildV1Descriptor, type HomeLayout } from './core/detect-layout';
import { readHomeLayout } from './read-home-layout';

export interface LoadedHomeDescriptor extends LoadedDescriptor {
  /** Which layout the home has (a descriptor, v1's, or v2's defaults) and why: `harbor doctor` says. */
  layout: HomeLayout;
}

/**
 * Every command that works on a home's stack loads its descriptor through this, so a Harbor v1 checkout with no
 * etc/harbor.yaml gets v1's layout (docs/migration.md, "Drop-in").
 * @example const { descriptor, layout } = await loadHomeDescriptor('/home/ada/harbor', { actions: ACTIONS })
 */
export async function loadHomeDescriptor(home: string, options: LoadDescriptorOptions): Promise<LoadedHomeDescriptor> {
  const { layout, v1Settings } = await readHomeLayout(home, await pathExists(join(home, SYSTEM_DESCRIPTOR)));
  const base = layout.kind === 'v1' ? buildV1Descriptor(v1Settings ?? {}) : undefined;
  return { ...(await loadDescriptor(home, { ...options, base })), layout };
}
