// Renders name → value pairs as dotenv text that Compose (and parseDotenv) reads back to the same values.

const BARE = /^[A-Za-z0-9_./:@%+,=-]+$/;

/**
 * One `NAME=value` line per entry. Values stay bare when safe, else single-quoted (no expansion), else
 * double-quoted with `\\`, `\"`, `\n`, `\r` escaped and `$` doubled.
 * @example renderDotenv([['A', 'x y'], ['B', "it's $5"]]) // "A='x y'\nB=\"it's $$5\"\n"
 */
export function renderDotenv(entries: Iterable<readonly [string, string]>): string {
  let out = '';
  for (const [key, value] of entries) out += `${key}=${renderDotenvValue(value)}\n`;
  return out;
}

export function renderDotenvValue(value: string): string {
  if (BARE.test(value)) return value;
  if (!value.includes("'") && !value.endsWith('\\')) return `'${value}'`;
  const escaped = value
    .replaceAll('\\', '\\\\')
    .replaceAll('"', '\\"')
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r')
    .replaceAll('$', '$$$$');
  return `"${escaped}"`;
}
