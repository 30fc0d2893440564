// An artifact's `exclude` list as glob patterns for tinyglobby: a pattern without a "/" matches at any depth
// (as tar --exclude and .gitignore do), one with a "/" is anchored at the artifact's root.

/**
 * @example buildExcludeGlobs(['*.log', 'cache/']) // ['**\/*.log', 'cache']
 */
export function buildExcludeGlobs(patterns: readonly string[]): string[] {
  return patterns
    .map((p) => p.replace(/^\.\/+/, '').replace(/\/+$/, ''))
    .filter((p) => p !== '')
    .map((p) => (p.includes('/') ? p.replace(/^\/+/, '') : `**/${p}`));
}

/**
 * The matched paths that are not inside another matched directory (removing a directory removes its content),
 * sorted, without trailing slashes.
 * @example topmostPaths(['a/', 'a/b.log', 'c.log']) // ['a', 'c.log']
 */
export function topmostPaths(matches: readonly string[]): string[] {
  const clean = [...new Set(matches.map((m) => m.replace(/\/+$/, '')))].sort();
  return clean.filter((m) => !clean.some((other) => other !== m && m.startsWith(`${other}/`)));
}
