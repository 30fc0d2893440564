// Parses each env_file once per build: v1 services all name the same large `.env`, and a build renders hundreds of them.
import { parseDotenv, type DotenvEntry } from '../../../env/core/parse-dotenv';

type Lookup = (name: string) => string | undefined;

interface Remembered {
  text: string;
  /** Every variable the parse asked for, with the answer it got: the entries hold only if each answer is the same now. */
  asked: Map<string, string | undefined>;
  entries: readonly DotenvEntry[];
}

/** Parsed env files by path. A hit needs the same text and the same answers to every lookup the first parse made. */
export type EnvFileMemo = Map<string, Remembered[]>;

/**
 * parseDotenv(text) with `lookup`, or the entries of an earlier parse of the same file that asked the same
 * questions and would get the same answers now (so the result is the one a fresh parse gives). Throws what
 * parseDotenv throws.
 * @example parseEnvFileOnce(new Map(), '/h/.env', 'A=1', () => undefined).map((e) => e.value) // ['1']
 */
export function parseEnvFileOnce(memo: EnvFileMemo, path: string, text: string, lookup: Lookup): readonly DotenvEntry[] {
  const known = memo.get(path) ?? [];
  for (const earlier of known) {
    if (earlier.text !== text) continue;
    let same = true;
    for (const [name, answer] of earlier.asked) {
      if (lookup(name) !== answer) {
        same = false;
        break;
      }
    }
    if (same) return earlier.entries;
  }
  const asked = new Map<string, string | undefined>();
  const recording: Lookup = (name) => {
    const answer = lookup(name);
    if (!asked.has(name)) asked.set(name, answer);
    return answer;
  };
  const { entries } = parseDotenv(text, { file: path, lookup: recording, secret: true });
  // A few variants per file at most (one per distinct set of answers): keep the latest four.
  memo.set(path, [{ text, asked, entries }, ...known].slice(0, 4));
  return entries;
}
