// Selects and orders the compose files of a deployment from their names (COMPOSE-RULES.md, kept exactly).
import { compareCodePoints } from '../../shared/core/compare-code-points';
import { parseComposeName, type ComposeName } from './compose-name';
import { isComposeOption } from './compose-options';
import type { IncludePattern } from '../../descriptor/core/include-pattern';
import { buildIncludeMatcher } from './include-patterns';

/** The base file: always first when it exists; never a candidate. */
export const BASE_COMPOSE_FILE = 'compose.yml';

export interface SelectionInput {
  /** File names directly in the compose directory, any order; non-candidates are ignored. */
  names: readonly string[];
  /** The options in force (see buildComposeOptions): services, capabilities, `*`. */
  options: readonly string[];
  /** Every known capability name: nvidia cdi rocm mdc build + the descriptor's. */
  capabilities: readonly string[];
  /** `source.rules.include`, parsed; undefined: v1's rules (V1_INCLUDE, matched by the fast path below). */
  include?: readonly IncludePattern[] | undefined;
}

/** What the source stage hands on: compose gets one `-f` per file, in this order. */
export interface ComposeSelection {
  files: string[];
  services: string[];
  options: string[];
  capabilities: string[];
}

/**
 * `compose.yml` (when present), then the selected candidates sorted by dot count, then code-point order:
 * Compose lets later files override earlier ones, so single-service files come before cross files. The order
 * is the same whichever `include` patterns selected the files.
 * @example selectComposeFiles({ names: ['compose.yml', 'compose.webui.yml', 'compose.x.webui.ollama.yml',
 *   'compose.ollama.yml'], options: ['webui', 'ollama'], capabilities: ['nvidia'] })
 * // ['compose.yml', 'compose.ollama.yml', 'compose.webui.yml', 'compose.x.webui.ollama.yml']
 */
export function selectComposeFiles(input: SelectionInput): string[] {
  const options = new Set(input.options.filter(isComposeOption));
  const capabilities = new Set(input.capabilities.filter((c) => c !== ''));
  const rules: MatchRules = {
    options,
    capabilities,
    star: options.has('*'),
    // Built once per call: the per-name test is then plain substring search, no regex per (name, option).
    optionMarks: [...options].map((o) => `.${o}.`),
    capabilityMarks: [...capabilities].map((c) => `.${c}.`),
  };

  const names = new Set(input.names);
  const include = input.include && buildIncludeMatcher(input.include, rules);
  const matches = include
    ? (parsed: ComposeName) => include(parsed.cross, parsed.cross ? parsed.tokens : parsed.inner.split('.'))
    : (parsed: ComposeName) => (parsed.cross ? crossSelected(parsed.tokens, rules) : otherSelected(parsed.name, rules));
  const selected: ComposeName[] = [];
  for (const name of names) {
    const parsed = parseComposeName(name);
    if (parsed && matches(parsed)) selected.push(parsed);
  }
  selected.sort((a, b) => a.dots - b.dots || compareCodePoints(a.name, b.name));

  const files = selected.map((s) => s.name);
  return names.has(BASE_COMPOSE_FILE) ? [BASE_COMPOSE_FILE, ...files] : files;
}

interface MatchRules {
  options: ReadonlySet<string>;
  capabilities: ReadonlySet<string>;
  star: boolean;
  optionMarks: readonly string[];
  capabilityMarks: readonly string[];
}

/** Every token must be in force; `*` stands in for service tokens but never for a capability token. */
function crossSelected(tokens: readonly string[], rules: MatchRules): boolean {
  return tokens.every((t) => rules.options.has(t) || (rules.star && !rules.capabilities.has(t)));
}

/**
 * Some option appears between dots (dots are the only token boundary: `webui` does not match
 * `compose.openwebui.yml`), or `*` is in force and the name carries no capability.
 */
function otherSelected(name: string, rules: MatchRules): boolean {
  if (rules.star && !rules.capabilityMarks.some((m) => name.includes(m))) return true;
  return rules.optionMarks.some((m) => name.includes(m));
}
