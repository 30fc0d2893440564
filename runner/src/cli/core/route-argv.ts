// Rewrites argv before cac sees it: two-word commands become one token, and v1's `harbor <service> <command>` order is turned around.

export interface RoutedArgv {
  argv: string[];
  /** The command word(s) found, or undefined when argv names no command. */
  command: string | undefined;
  /** A group word given without a known subcommand (`harbor secrets`). */
  group: string | undefined;
}

/**
 * cac matches a command by its first argument only, so `secrets decrypt` is passed as the single token
 * 'secrets decrypt'. Like v1, `harbor ollama logs` runs as `harbor logs ollama`.
 * @example routeArgv(['secrets', 'decrypt', 'f'], ['secrets decrypt']).argv // ['secrets decrypt', 'f']
 */
export function routeArgv(argv: readonly string[], commandNames: readonly string[]): RoutedArgv {
  const names = new Set(commandNames);
  const groups = new Set(commandNames.filter((n) => n.includes(' ')).map((n) => n.split(' ')[0]!));
  const first = argv.findIndex((a) => !a.startsWith('-'));
  if (first === -1 || argv.slice(0, first).includes('--')) return { argv: [...argv], command: undefined, group: undefined };
  const word = argv[first]!;
  const next = argv[first + 1];
  const before = argv.slice(0, first);

  if (next !== undefined && names.has(`${word} ${next}`)) {
    return { argv: [...before, `${word} ${next}`, ...argv.slice(first + 2)], command: `${word} ${next}`, group: undefined };
  }
  if (names.has(word)) return { argv: [...argv], command: word, group: undefined };
  if (groups.has(word)) return { argv: [...argv], command: undefined, group: word };
  if (next !== undefined && !next.startsWith('-') && names.has(next) && !groups.has(next)) {
    return { argv: [...before, next, word, ...argv.slice(first + 2)], command: next, group: undefined };
  }
  return { argv: [...argv], command: undefined, group: undefined };
}
