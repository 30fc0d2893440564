// Go's path.Clean / filepath.Join for POSIX paths: compose resolves relative paths with them.

/** Go path.Clean: the shortest equivalent path (no `.`, no `x/..`, no doubled or trailing slash). */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined || '.';
}

/** Go filepath.Join: joins the non-empty parts and cleans the result. */
export function joinPath(...parts: string[]): string {
  const kept = parts.filter((p) => p !== '');
  return kept.length === 0 ? '' : cleanPath(kept.join('/'));
}

export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/');
}

/** Go filepath.Dir. */
export function dirname(path: string): string {
  const at = path.lastIndexOf('/');
  if (at < 0) return '.';
  return cleanPath(at === 0 ? '/' : path.slice(0, at));
}

/** Go filepath.Rel for two absolute, clean paths. */
export function relativePath(base: string, target: string): string {
  const from = cleanPath(base).split('/').filter(Boolean);
  const to = cleanPath(target).split('/').filter(Boolean);
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  const up = from.slice(common).map(() => '..');
  const rest = [...up, ...to.slice(common)];
  return rest.length === 0 ? '.' : rest.join('/');
}
