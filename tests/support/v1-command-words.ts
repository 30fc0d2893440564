// Harbor v1 0.5.5's command words, from the fixture (tests/fixtures/harbor-v1-command-words.txt), not a hand-kept copy.
import { readFileSync } from 'node:fs';

const FIXTURE = new URL('../fixtures/harbor-v1-command-words.txt', import.meta.url);

/** One word per line; `#` comments and blank lines left out. */
export const V1_COMMAND_WORDS: readonly string[] = readFileSync(FIXTURE, 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));
