// Builds the list of options in force (services and capabilities) and splits it back into the two kinds.

export interface ComposeOptionsInput {
  /** The descriptor's default capabilities: kept even under `--no-defaults`. */
  defaultCapabilities: readonly string[];
  /** The descriptor's default services: left out under `--no-defaults`. */
  defaultServices: readonly string[];
  noDefaults: boolean;
  /** What the user gave on the command line or in the step. */
  given: readonly string[];
  /** Auto-detected capabilities, or the ones pinned with `--capabilities`. */
  detectedCapabilities: readonly string[];
}

export interface SplitOptions {
  /** Options that are neither capabilities nor `*`. */
  services: string[];
  /** The capability options in force. */
  capabilities: string[];
}

/** Flags (`-...`) and empty strings are never options (COMPOSE-RULES.md "Inputs"). */
export function isComposeOption(value: string): boolean {
  return value !== '' && !value.startsWith('-');
}

/**
 * The options in force, in the order COMPOSE-RULES.md gives: default capabilities, default services
 * (unless `noDefaults`), given, detected. Matching is set-like, so the first occurrence is kept.
 * @example buildComposeOptions({ defaultCapabilities: [], defaultServices: ['webui'], noDefaults: false,
 *   given: ['ollama', '--tail'], detectedCapabilities: ['mdc'] }) // ['webui', 'ollama', 'mdc']
 */
export function buildComposeOptions(input: ComposeOptionsInput): string[] {
  return unique([
    ...input.defaultCapabilities,
    ...(input.noDefaults ? [] : input.defaultServices),
    ...input.given,
    ...input.detectedCapabilities,
  ]);
}

/**
 * Services and capabilities among the options, each in option order.
 * @example splitOptions(['webui', '*', 'nvidia'], ['nvidia', 'mdc']) // { services: ['webui'], capabilities: ['nvidia'] }
 */
export function splitOptions(options: readonly string[], capabilities: readonly string[]): SplitOptions {
  const known = new Set(capabilities);
  const inForce = unique(options);
  return {
    services: inForce.filter((o) => o !== '*' && !known.has(o)),
    capabilities: inForce.filter((o) => known.has(o)),
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter(isComposeOption))];
}
