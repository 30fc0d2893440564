// Matches `source.rules.include` patterns (descriptor/core/include-pattern.ts) against compose file names; v1's rules are the default set.
import type { IncludePattern, IncludeVariable, PatternToken } from '../../descriptor/core/include-pattern';

/** The options in force, judged once per selection. */
export interface IncludeContext {
  /** The options in force (services, capabilities, `*`), flags and empty strings already left out. */
  options: ReadonlySet<string>;
  /** Every known capability name. */
  capabilities: ReadonlySet<string>;
}

/** Decides for one file whether some pattern selects it: `tokens` are its tokens (for a cross file, v1's cross tokens). */
export type IncludeMatcher = (cross: boolean, tokens: readonly string[]) => boolean;

/**
 * Builds the matcher once per selection. `*` among the options makes every token that is not a capability a
 * service; a file matched only thanks to it must carry no capability token that is not in force (v1: `*` never
 * brings in a GPU file).
 */
export function buildIncludeMatcher(patterns: readonly IncludePattern[], ctx: IncludeContext): IncludeMatcher {
  const byKind = { cross: patterns.filter((p) => p.cross), plain: patterns.filter((p) => !p.cross) };
  const star = ctx.options.has('*');
  const m: Matching = { ...ctx, star: false, cross: false, dotted: [...ctx.options].some((o) => o.includes('.')) };
  return (cross, tokens) => {
    const candidates = cross ? byKind.cross : byKind.plain;
    m.cross = cross;
    m.star = false;
    if (candidates.some((p) => matchFrom(p.tokens, 0, tokens, 0, m))) return true;
    if (!star || tokens.some((t) => ctx.capabilities.has(t) && !ctx.options.has(t))) return false;
    m.star = true;
    return candidates.some((p) => matchFrom(p.tokens, 0, tokens, 0, m));
  };
}

interface Matching extends IncludeContext {
  /** This pass lets `*` stand in for service tokens. */
  star: boolean;
  cross: boolean;
  /** Some option has a dot: only then can `${option}` span several tokens. */
  dotted: boolean;
}

/** Backtracking match of pattern tokens from `pi` against file tokens from `ti` (patterns and names are short). */
function matchFrom(pattern: readonly PatternToken[], pi: number, tokens: readonly string[], ti: number, m: Matching): boolean {
  for (;;) {
    if (pi === pattern.length) return ti === tokens.length;
    const token = pattern[pi]!;
    if (token.kind === 'variable') return matchVariable(token, pattern, pi, tokens, ti, m);
    if (token.kind === 'many') {
      for (let next = ti; next <= tokens.length; next++) if (matchFrom(pattern, pi + 1, tokens, next, m)) return true;
      return false;
    }
    if (ti >= tokens.length || (token.kind === 'literal' && tokens[ti] !== token.text)) return false;
    pi++;
    ti++;
  }
}

/** The variable takes one token (or, for `${option}` outside cross files, a dotted run); with `+` it may take more. */
function matchVariable(token: Extract<PatternToken, { kind: 'variable' }>, pattern: readonly PatternToken[], pi: number, tokens: readonly string[], ti: number, m: Matching): boolean {
  if (ti >= tokens.length) return false;
  const then = (next: number) => matchFrom(pattern, pi + 1, tokens, next, m) || (token.repeat && matchVariable(token, pattern, pi, tokens, next, m));
  if (takesToken(token.name, tokens[ti]!, m) && then(ti + 1)) return true;
  // v1's "name contains .<option>.": outside cross files an option with dots spans as many tokens.
  if (token.name !== 'option' || m.cross || !m.dotted) return false;
  let text = tokens[ti]!;
  for (let end = ti + 1; end < tokens.length; end++) {
    text = `${text}.${tokens[end]}`;
    if (m.options.has(text) && then(end + 1)) return true;
  }
  return false;
}

function takesToken(name: IncludeVariable, t: string, m: Matching): boolean {
  const isCapability = m.capabilities.has(t);
  if (isCapability) return name !== 'service' && m.options.has(t);
  return name !== 'capability' && t !== '*' && (m.star || m.options.has(t));
}
