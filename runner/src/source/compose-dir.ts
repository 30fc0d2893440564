// Lists the file names directly in the compose directory (no recursion): the input of the compose rules.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DescriptorError } from '../shared/core/errors';

/** `dir` is relative to the home (as the descriptor's `source.rules.dir`); names come back sorted. */
export async function readComposeDir(home: string, dir: string): Promise<string[]> {
  try {
    const entries = await readdir(join(home, dir), { withFileTypes: true });
    return entries.filter((e) => e.isFile() || e.isSymbolicLink()).map((e) => e.name).sort();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new DescriptorError(`compose directory ${dir} does not exist`, {
        hint: `create ${dir}/ with a compose.yml (see etc/stacks in the Harbor repository), or set source.rules.dir in etc/harbor.yaml`,
      });
    }
    if (code === 'ENOTDIR') {
      throw new DescriptorError(`compose directory ${dir} is not a directory`, { hint: 'set source.rules.dir in etc/harbor.yaml to a directory' });
    }
    throw new DescriptorError(`cannot read compose directory ${dir}: ${(err as Error).message}`, { cause: err });
  }
}
