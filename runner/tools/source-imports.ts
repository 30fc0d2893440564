// Reads every module of runner/src and the imports each one makes (static, re-exports, dynamic), resolved to files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export interface SourceImport {
  specifier: string;
  /** For a relative specifier: the imported file below runner/src (`shared/core/errors.ts`). */
  target?: string;
  typeOnly: boolean;
}

export interface SourceModule {
  /** Below runner/src: `env/core/parse-dotenv.ts`. */
  path: string;
  text: string;
  imports: SourceImport[];
}

// `import x from '...'`, `import type { x } from '...'`, `export { x } from '...'`, `export * from '...'`, over several lines.
const FROM = /^\s*(import|export)\s+(type\s+)?[^'";]*?\s+from\s+'([^']+)'/gm;
const BARE = /^\s*import\s+'([^']+)'/gm;
const DYNAMIC = /\bimport\(\s*'([^']+)'\s*\)/g;

/** The import specifiers of one module's text, in order of appearance per kind. */
export function parseImports(text: string): { specifier: string; typeOnly: boolean }[] {
  const found: { specifier: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(FROM)) found.push({ specifier: m[3] ?? '', typeOnly: m[2] !== undefined });
  for (const m of text.matchAll(BARE)) found.push({ specifier: m[1] ?? '', typeOnly: false });
  for (const m of stripComments(text).matchAll(DYNAMIC)) found.push({ specifier: m[1] ?? '', typeOnly: false });
  return found;
}

/** The text without // and block comments (a `//` inside a string cuts its line short: good enough for checks). */
export function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Every .ts module below `srcDir`, sorted by path, with its imports resolved. */
export function readSourceModules(srcDir: string): SourceModule[] {
  return listTs(srcDir).map((file) => {
    const path = relative(srcDir, file).split('\\').join('/');
    const text = readFileSync(file, 'utf8');
    const imports = parseImports(text).map(({ specifier, typeOnly }) => {
      if (!specifier.startsWith('.')) return { specifier, typeOnly };
      const base = join(dirname(file), specifier);
      const resolved = [`${base}.ts`, join(base, 'index.ts'), base].find((p) => p.endsWith('.ts') && existsSync(p));
      return { specifier, typeOnly, ...(resolved !== undefined && { target: relative(srcDir, resolved).split('\\').join('/') }) };
    });
    return { path, text, imports };
  });
}

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTs(full));
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Every import cycle among the modules (each once, as a path list that starts and ends at the same module). */
export function findImportCycles(modules: readonly SourceModule[]): string[][] {
  const edges = new Map(modules.map((m) => [m.path, [...new Set(m.imports.flatMap((i) => (i.target ? [i.target] : [])))]]));
  const cycles: string[][] = [];
  // Tarjan's strongly connected components: a component of more than one module (or a self-import) holds a cycle.
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const visit = (v: string) => {
    indexOf.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) !== indexOf.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(cyclePath(component.sort(), edges));
  };
  for (const m of modules) if (!indexOf.has(m.path)) visit(m.path);
  return cycles;
}

/** One concrete cycle through a strongly connected component, for the message: a → b → a. */
function cyclePath(component: string[], edges: Map<string, string[]>): string[] {
  const members = new Set(component);
  const start = component[0]!;
  const path = [start];
  const walk = (v: string, visited: Set<string>): boolean => {
    for (const w of edges.get(v) ?? []) {
      if (w === start) return path.push(w), true;
      if (!members.has(w) || visited.has(w)) continue;
      visited.add(w);
      path.push(w);
      if (walk(w, visited)) return true;
      path.pop();
    }
    return false;
  };
  walk(start, new Set([start]));
  return path;
}
