// Reads the Docker client config the runner's docker uses and looks for the credential helpers it names on PATH.
import { access, constants, readFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { Deps } from '../shared/deps';
import { selectCredentialHelpers, type DockerConfigProbe } from './core/judge-docker-config';

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`, as the docker CLI reads it. Reads only. */
export async function readDockerConfig(env: Deps['env']): Promise<DockerConfigProbe> {
  const dir = env.DOCKER_CONFIG || (env.HOME ? join(env.HOME, '.docker') : undefined);
  const file = dir ? join(dir, 'config.json') : undefined;
  const text = file ? await readFile(file, 'utf8').catch(() => undefined) : undefined;
  const path = env.HARBOR_HOST_DOCKER_CONFIG || file || '~/.docker/config.json';
  if (env.HARBOR_HOST_DOCKER_HELPERS) return { path, text: undefined, helpersOnPath: [], unmounted: env.HARBOR_HOST_DOCKER_HELPERS };
  if (text === undefined) return { path, text, helpersOnPath: [] };
  let helpers: string[] = [];
  try {
    helpers = selectCredentialHelpers(JSON.parse(text) as Record<string, unknown>).map((u) => u.helper);
  } catch {
    // judged (and reported) as invalid JSON by judgeDockerConfig
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const found: string[] = [];
  for (const helper of new Set(helpers)) {
    for (const d of dirs) {
      if (await access(join(d, `docker-credential-${helper}`), constants.X_OK).then(() => true, () => false)) {
        found.push(helper);
        break;
      }
    }
  }
  return { path, text, helpersOnPath: found };
}
