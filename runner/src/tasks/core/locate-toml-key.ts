// Finds the line of a dotted key in TOML source text, so task.toml errors can name file:line (the parser gives none).
export type KeyPath = readonly (string | number)[];

interface KeyLine {
  path: (string | number)[];
  line: number;
}

/**
 * The 1-based line that defines `path` or, when it is not in the file (a missing required key), the line of
 * its nearest parent table; 1 when nothing of it is there. Handles [tables], [[arrays of tables]], dotted and
 * quoted keys; a key inside an inline table or multi-line array is reported at its parent key's line.
 * @example locateTomlKey('[environment]\nmemory_mb = 1\n', ['environment', 'memory_mb']) // 2
 */
export function locateTomlKey(text: string, path: KeyPath): number {
  let best = { depth: -1, line: 1 };
  for (const entry of listKeyLines(text)) {
    const depth = commonPrefix(entry.path, path);
    // Only a line whose whole key is a prefix of the path can define it (or contain it inline).
    if (depth === entry.path.length && depth > best.depth) best = { depth, line: entry.line };
  }
  return best.line;
}

function listKeyLines(text: string): KeyLine[] {
  const out: KeyLine[] = [];
  const arrayCounts = new Map<string, number>();
  let table: (string | number)[] = [];
  let inString: '"""' | "'''" | undefined;
  let depth = 0;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (inString) {
      if (raw.includes(inString)) inString = undefined;
      continue;
    }
    const line = raw.trim();
    if (depth > 0) {
      depth += bracketBalance(line);
      continue;
    }
    if (line === '' || line.startsWith('#')) continue;
    const header = /^(\[\[?)\s*([^\]]+?)\s*\]\]?/.exec(line);
    if (header) {
      const keys = splitKey(header[2]!);
      const resolved = resolveArrays(keys, arrayCounts);
      if (header[1] === '[[') {
        const id = keys.join('\u0000');
        const index = (arrayCounts.get(id) ?? -1) + 1;
        arrayCounts.set(id, index);
        table = [...resolved, index];
      } else table = resolved;
      out.push({ path: table, line: i + 1 });
      continue;
    }
    const eq = findEquals(line);
    if (eq < 0) continue;
    out.push({ path: [...table, ...splitKey(line.slice(0, eq))], line: i + 1 });
    const value = line.slice(eq + 1).trim();
    for (const quote of ['"""', "'''"] as const) {
      if (value.startsWith(quote) && value.split(quote).length === 2) inString = quote;
    }
    depth = Math.max(0, bracketBalance(value));
  }
  return out;
}

/** `[steps.agent]` after `[[steps]]` means the current element of steps. */
function resolveArrays(keys: string[], counts: Map<string, number>): (string | number)[] {
  const out: (string | number)[] = [];
  for (let i = 0; i < keys.length; i++) {
    out.push(keys[i]!);
    const index = counts.get(keys.slice(0, i + 1).join('\u0000'));
    if (index !== undefined && i < keys.length - 1) out.push(index);
  }
  return out;
}

function splitKey(key: string): string[] {
  const parts: string[] = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(?:\.|$)/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < key.length && (m = re.exec(key))) parts.push(m[1] ?? m[2] ?? m[3]!);
  return parts;
}

function findEquals(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '=') return i;
  }
  return -1;
}

/** Open minus closed brackets outside strings and comments: a value that spans lines keeps its key's line. */
function bracketBalance(text: string): number {
  let balance = 0;
  let quote: string | undefined;
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') break;
    else if (c === '[' || c === '{') balance++;
    else if (c === ']' || c === '}') balance--;
  }
  return balance;
}

function commonPrefix(a: KeyPath, b: KeyPath): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
