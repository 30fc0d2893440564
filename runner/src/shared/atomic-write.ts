// The one way Harbor replaces a file: write a temporary file in the same folder, then rename it over the target.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { assertHostWritable } from './host-path';

export interface AtomicWriteOptions {
  /**
   * The file's mode, set with fchmod after creation so no umask changes it (0o600 for anything holding secrets).
   * Default: what writeFile gives a new file (0o666 less the umask).
   */
  mode?: number;
  /** An existing file keeps its own mode; `mode` applies only to a new one (sops files edited in place). */
  keepMode?: boolean;
  /** Flush the data to disk before the rename (files that hold state a crash must not lose). */
  sync?: boolean;
  /** Create the folder (recursively) when it is missing, with this mode; false: a missing folder is an error. Default: {}. */
  createDir?: false | { mode?: number };
}

/**
 * A reader sees the old file or the new one, whole, never a part; a failed write leaves the target as it was and no
 * temporary file behind. `data` may be a function that writes the temporary file itself (a stream, e.g. `docker save`).
 * @example await writeFileAtomic(join(home, 'var/run/.env.run'), text, { mode: 0o600, sync: true, createDir: { mode: 0o700 } })
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array | ((tempPath: string) => Promise<void>),
  options: AtomicWriteOptions = {},
): Promise<void> {
  // In the runner: never a file the host would not see (docs/runner.md, "What the runner sees").
  await assertHostWritable(path);
  const dir = dirname(path);
  if (options.createDir !== false) await mkdir(dir, { recursive: true, ...(options.createDir?.mode !== undefined && { mode: options.createDir.mode }) });
  const mode = options.keepMode ? await stat(path).then((s) => s.mode & 0o777, () => options.mode) : options.mode;
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // 'wx': the temporary name is never an existing file (or a symlink planted there); created 0600 until chmod.
    const handle = await open(temp, 'wx', mode === undefined ? 0o666 : 0o600);
    try {
      if (mode !== undefined) await handle.chmod(mode);
      if (typeof data !== 'function') await handle.writeFile(data);
      if (options.sync && typeof data !== 'function') await handle.sync();
    } finally {
      await handle.close();
    }
    if (typeof data === 'function') await data(temp);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
