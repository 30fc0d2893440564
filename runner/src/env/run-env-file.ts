// Writes and removes var/run/.env.run, the merged env persisted on request: mode 0600, replaced in one rename.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { renderDotenv } from './core/render-dotenv';

export const RUN_ENV_FILE = 'var/run/.env.run';

/**
 * Writes `env` as dotenv text (Compose reads it back to the same values) to a temporary file in the same folder,
 * created with mode 0600 (set again with fchmod, so no umask widens it), flushed, then renamed over `path`:
 * a reader sees the old file or the new one, never a part, and the secrets are never readable by others.
 */
export async function writeRunEnvFile(path: string, env: Readonly<Record<string, string>>): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.chmod(0o600);
    await handle.writeFile(renderDotenv(Object.entries(env)), 'utf8');
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(temp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** Removes the persisted env file; a missing file is fine. */
export async function removeRunEnvFile(path: string): Promise<void> {
  await rm(path, { force: true });
}
