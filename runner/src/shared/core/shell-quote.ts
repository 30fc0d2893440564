// Renders an argv array as one line a POSIX shell reads back as the same words (for `harbor cmd`, which prints, never runs).

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Single quotes protect every byte but the single quote itself, which is written as '\''.
 * @example renderShellCommand(['docker', 'compose', '-f', "it's here.yml"]) // "docker compose -f 'it'\\''s here.yml'"
 */
export function renderShellCommand(argv: readonly string[]): string {
  return argv.map(quoteShellWord).join(' ');
}

function quoteShellWord(word: string): string {
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
