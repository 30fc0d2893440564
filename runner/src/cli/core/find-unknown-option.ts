// Finds the flag the user typed that no option knows (cac reports it camel-cased: --dryRun), and the nearest real flag.
import { distance } from 'fastest-levenshtein';
import { closestNames } from '../../shared/core/closest-names';

export interface UnknownOption {
  /** As typed, without any `=value`: `--dry-run`, `-x`. */
  flag: string;
  /** The nearest known flags (at most one edit per three letters, up to 3; all at the smallest distance); empty when none is close. */
  nearest: string[];
}

/**
 * `flags` are cac flag strings ('-n, --tail <lines>', '--no-defaults'); a `--no-x` flag also accepts `--x`.
 * Words after `--` are not flags; the word after a value-taking flag is its value even when it starts with `-`.
 * @example findUnknownOption(['up', '--dry-runn'], ['--dry-run', '--json']) // { flag: '--dry-runn', nearest: ['--dry-run'] }
 */
export function findUnknownOption(argv: readonly string[], flags: readonly string[]): UnknownOption | undefined {
  const known = new Set<string>();
  const valued = new Set<string>();
  for (const spec of flags) {
    const names = spec.split(/[ ,]+/).filter((word) => word.startsWith('-'));
    for (const name of names) {
      known.add(name);
      if (name.startsWith('--no-')) known.add(`--${name.slice(5)}`);
      if (/[<[]/.test(spec)) valued.add(name);
    }
  }
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') break;
    if (!word.startsWith('-') || word === '-') continue;
    const typed = word.startsWith('--') ? [word.split('=')[0]!] : [...word.slice(1).split('=')[0]!].map((c) => `-${c}`);
    const unknown = typed.find((flag) => !known.has(flag));
    if (unknown !== undefined) return { flag: unknown, nearest: nearest(unknown, known) };
    if (!word.includes('=') && valued.has(typed[typed.length - 1]!)) i++;
  }
  return undefined;
}

/** Short names get few edits: `--detach` is not "close" to `--stack`, `--dry-runn` is to `--dry-run`. */
function nearest(flag: string, known: ReadonlySet<string>): string[] {
  const edits = Math.max(1, Math.floor(flag.replace(/^-+/, '').length / 3));
  const close = closestNames(flag, [...known].filter((k) => k.startsWith('--') === flag.startsWith('--')), Math.min(3, edits));
  if (close.length === 0) return [];
  const best = distance(flag, close[0]!);
  return close.filter((candidate) => distance(flag, candidate) === best);
}
