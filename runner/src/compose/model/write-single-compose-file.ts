// Writes the one compose file Harbor hands compose (var/run/.harbor/compose.model.json), or says why it keeps the N files.
import { join } from 'node:path';
import { writeFileAtomic } from '../../shared/atomic-write';
import type { ComposeProject } from '../core/compose-argv';
import { redactSecrets } from '../../shared/core/redact-secrets';
import type { Deps } from '../../shared/deps';
import { buildSingleComposeFile } from './core/build-single-compose-file';
import { ComposeModelUnsupported } from './core/model-tree';
import { composeModelInputOf } from './load-compose-model';

/** Relative to the Harbor home. Holds no secret value: secrets stay `${NAME}`, env files stay references. */
export const SINGLE_COMPOSE_FILE = 'var/run/.harbor/compose.model.json';

/**
 * Builds and proves the single file for these compose files (see buildSingleComposeFile) and writes it (mode
 * 0600). Returns its absolute path, or undefined when the model declines: the reason goes to the debug log
 * (secret values redacted) and the caller hands compose the N files.
 */
export async function writeSingleComposeFile(
  deps: Pick<Deps, 'env' | 'log'>,
  project: ComposeProject,
  files: readonly string[],
  env: { composeEnv: Readonly<Record<string, string>>; secretValues: readonly string[] },
): Promise<string | undefined> {
  const path = join(project.directory, SINGLE_COMPOSE_FILE);
  const input = composeModelInputOf({ project, files, env: { ...deps.env, ...env.composeEnv } });
  const secrets = new Set(env.secretValues.filter((v) => v !== ''));
  const secretNames = Object.keys(input.env).filter((name) => secrets.has(input.env[name]!)).sort();
  let text: string;
  try {
    ({ text } = buildSingleComposeFile({ ...input, secretNames, secretValues: [...secrets], path }));
  } catch (err) {
    if (!(err instanceof ComposeModelUnsupported)) throw err;
    deps.log.withTag('compose-model').debug(`${redactSecrets(err.message, env.secretValues)}: handing compose the ${files.length} files`);
    return undefined;
  }
  await writeFileAtomic(path, text, { mode: 0o600 });
  return path;
}
