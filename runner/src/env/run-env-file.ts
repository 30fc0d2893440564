// Writes and removes var/run/.env.run, the merged env persisted on request: mode 0600, replaced in one rename.
import { rm } from 'node:fs/promises';
import { writeFileAtomic } from '../shared/atomic-write';
import { renderDotenv } from './core/render-dotenv';

export const RUN_ENV_FILE = 'var/run/.env.run';

/**
 * Writes `env` as dotenv text (Compose reads it back to the same values), mode 0600 whatever the umask, flushed, in one
 * rename: a reader sees the old file or the new one, never a part, and the secrets are never readable by others.
 */
export async function writeRunEnvFile(path: string, env: Readonly<Record<string, string>>): Promise<void> {
  await writeFileAtomic(path, renderDotenv(Object.entries(env)), { mode: 0o600, sync: true, createDir: { mode: 0o700 } });
}

/** Removes the persisted env file; a missing file is fine. */
export async function removeRunEnvFile(path: string): Promise<void> {
  await rm(path, { force: true });
}
