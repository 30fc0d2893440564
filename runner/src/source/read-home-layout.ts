// Looks at a Harbor home for the source stage: which layout it has (and for v1's, the settings in its .env), which base files exist.
import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseComposeName } from './core/compose-name';
import { parseDotenv } from '../env/core/parse-dotenv';
import { detectLayout, V1_COMPOSE_DIR, V1_ENV_FILE, type HomeLayout, type V1Settings } from './core/detect-layout';

export interface ReadHomeLayout {
  layout: HomeLayout;
  /** v1's layout only: the keys of its .env that hold v1's defaults. */
  v1Settings?: V1Settings;
}

const V1_KEYS = ['HARBOR_SERVICES_DEFAULT', 'HARBOR_CAPABILITIES_DEFAULT', 'HARBOR_CAPABILITIES_AUTODETECT'] as const;

/** Reads only; `descriptor` says whether etc/harbor.yaml exists (the loader has just tried to read it). */
export async function readHomeLayout(home: string, descriptor: boolean): Promise<ReadHomeLayout> {
  if (descriptor) return { layout: detectLayout({ descriptor, stacksDir: false, servicesComposeFiles: 0, rootCompose: false, rootEnv: false }) };
  const [stacksDir, services, rootCompose, rootEnv] = await Promise.all([
    exists(join(home, 'etc', 'stacks')),
    readdir(join(home, V1_COMPOSE_DIR)).catch(() => [] as string[]),
    exists(join(home, 'compose.yml')),
    exists(join(home, V1_ENV_FILE)),
  ]);
  const servicesComposeFiles = services.filter((name) => parseComposeName(name) !== undefined).length;
  const layout = detectLayout({ descriptor, stacksDir, servicesComposeFiles, rootCompose, rootEnv });
  if (layout.kind !== 'v1') return { layout };
  return { layout, v1Settings: rootEnv ? await readV1Settings(join(home, V1_ENV_FILE)) : {} };
}

/** The last value of each v1 key in .env, read as compose reads dotenv files. */
export async function readV1Settings(file: string): Promise<V1Settings> {
  const { entries } = parseDotenv(await readFile(file, 'utf8'), { file: V1_ENV_FILE });
  const settings: V1Settings = {};
  for (const entry of entries) if ((V1_KEYS as readonly string[]).includes(entry.key)) settings[entry.key as keyof V1Settings] = entry.value;
  return settings;
}

/** Which of these paths relative to the home exist (source.rules.base entries given as paths). */
export async function findHomeFiles(home: string, paths: readonly string[]): Promise<Set<string>> {
  const found = await Promise.all(paths.map(async (p) => ((await exists(join(home, p))) ? p : undefined)));
  return new Set(found.filter((p): p is string => p !== undefined));
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}
