// Decides which service handles a compose directory knows, and rejects an unknown one with suggestions.
import { DescriptorError } from '../../shared/core/errors';
import { didYouMean } from '../../shared/core/closest-names';
import { parseComposeName } from './compose-name';
import { isComposeOption } from './compose-options';

/**
 * The handles the directory's names make known (COMPOSE-RULES.md "Handles"), plus the capability names:
 * `s` for `compose.s.yml` and for `compose.s.*.yml`, and every token of a cross file.
 * A hyphenated handle whose dash-prefix parent has `compose.<parent>.yml` is known too, but cannot be
 * listed here: checkHandles applies that rule.
 * @example knownHandles(['compose.searxng.morphic.yml', 'compose.x.webui.ollama.yml'], ['nvidia'])
 * // Set { 'searxng.morphic', 'searxng', 'webui', 'ollama', 'nvidia' }
 */
export function knownHandles(names: readonly string[], capabilities: readonly string[]): Set<string> {
  const known = new Set<string>();
  for (const name of names) {
    const parsed = parseComposeName(name);
    if (!parsed) continue;
    if (parsed.cross) {
      for (const token of parsed.tokens) known.add(token);
      continue;
    }
    // compose.s.yml gives the whole inner part; compose.s.*.yml gives every part before a dot.
    known.add(parsed.inner);
    for (let i = parsed.inner.indexOf('.'); i !== -1; i = parsed.inner.indexOf('.', i + 1)) {
      if (i > 0) known.add(parsed.inner.slice(0, i));
    }
  }
  for (const capability of capabilities) known.add(capability);
  known.delete('');
  return known;
}

/**
 * Throws a DescriptorError for the first handle the directory does not know, suggesting the known names
 * within 3 edits. `*` and capability names are always accepted; flags and empty strings are not options
 * and are skipped.
 * @example checkHandles(['olama'], ['compose.ollama.yml'], [], 'etc/stacks')
 * // throws: unknown service "olama" (did you mean ollama?)
 */
export function checkHandles(
  handles: readonly string[],
  names: readonly string[],
  capabilities: readonly string[],
  dir: string,
): void {
  const known = knownHandles(names, capabilities);
  const files = new Set(names);
  for (const handle of handles) {
    if (!isComposeOption(handle) || handle === '*' || known.has(handle)) continue;
    if (hasDashParentFile(handle, files)) continue;
    throw new DescriptorError(`unknown service "${handle}"${didYouMean(handle, known)}`, {
      hint: `known services are the compose.<name>.yml files in ${dir}`,
    });
  }
}

/** `langfuse-worker` is known when `compose.langfuse.yml` exists (any dash prefix: `a-b-c` → `a`, `a-b`). */
function hasDashParentFile(handle: string, files: ReadonlySet<string>): boolean {
  for (let i = handle.indexOf('-'); i !== -1; i = handle.indexOf('-', i + 1)) {
    if (i > 0 && files.has(`compose.${handle.slice(0, i)}.yml`)) return true;
  }
  return false;
}
