// Reads the 652 compose file names of a real Harbor v1 catalogue (../shared/fixtures, present for every developer and CI run).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `<project>/../shared/fixtures/harbor-v1-compose-files.txt`, one name a line. */
export const V1_COMPOSE_NAMES_FILE = fileURLToPath(new URL('../../../../shared/fixtures/harbor-v1-compose-files.txt', import.meta.url));

export function readV1ComposeNames(): string[] {
  return readFileSync(V1_COMPOSE_NAMES_FILE, 'utf8').split('\n').filter((line) => line !== '');
}
