// Reads the 652 compose file names of a real Harbor v1 catalogue (a copy kept in tests/fixtures, so a fresh clone runs the tests).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `tests/fixtures/harbor-v1-compose-files.txt`, one name a line (Harbor v1 0.5.5's `services/` folder, names only). */
export const V1_COMPOSE_NAMES_FILE = fileURLToPath(new URL('../../../tests/fixtures/harbor-v1-compose-files.txt', import.meta.url));

export function readV1ComposeNames(): string[] {
  return readFileSync(V1_COMPOSE_NAMES_FILE, 'utf8').split('\n').filter((line) => line !== '');
}
