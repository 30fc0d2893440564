// Tells whether a path exists (any kind of file), without throwing.
import { access } from 'node:fs/promises';

export async function pathExists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}
