// `source.rules.include`: declarative file-name patterns (`compose.${service}.yml`) that select compose files; v1's rules are the default set.
import { crossTokens } from '../../core/compose-name';
import { suggestNames } from '../../core/descriptor/suggest-names';

/**
 * v1's rules written as patterns (docs/compose-rules.md): a file that is not a cross file comes with any of its
 * tokens; a cross file needs every one of its tokens.
 */
export const V1_INCLUDE: readonly string[] = ['compose.**.${option}.**.yml', 'compose.x.${option}+.yml'];

export const INCLUDE_VARIABLES = ['service', 'capability', 'option'] as const;
type Variable = (typeof INCLUDE_VARIABLES)[number];

type PatternToken =
  | { kind: 'literal'; text: string }
  | { kind: 'one' }
  | { kind: 'many' }
  | { kind: 'variable'; name: Variable; repeat: boolean };

export interface IncludePattern {
  source: string;
  /** A pattern with `.x.` selects only cross files; any other pattern only files that are not cross files. */
  cross: boolean;
  tokens: PatternToken[];
}

const VARIABLE = /^\$\{([^}]*)\}(\+?)$/;

/**
 * A pattern, or the reason it is not one. Patterns are `compose.<tokens>.yml` names whose tokens (between dots)
 * are literal text, `*` (any one token), `**` (any number of tokens), or one `${service}`, `${capability}`,
 * `${option}`, optionally followed by `+` (one or more such tokens).
 * @example parseIncludePattern('compose.x.${service}.${option}.yml') // { cross: true, tokens: [service, option] }
 */
export function parseIncludePattern(source: string): IncludePattern | string {
  if (source === 'compose.yml') return '"compose.yml" is the base file: list it in source.rules.base, not include';
  if (!/^compose\..+\.yml$/.test(source)) return `"${source}" must be a compose file name pattern: compose.<tokens>.yml (e.g. compose.\${service}.yml)`;
  const cross = source.includes('.x.');
  const words = cross ? crossTokens(source) : source.slice('compose.'.length, -'.yml'.length).split('.');
  const tokens: PatternToken[] = [];
  for (const word of words) {
    const token = parseToken(word, source);
    if (typeof token === 'string') return token;
    tokens.push(token);
  }
  return { source, cross, tokens };
}

function parseToken(word: string, source: string): PatternToken | string {
  if (word === '*') return { kind: 'one' };
  if (word === '**') return { kind: 'many' };
  const variable = VARIABLE.exec(word);
  if (variable) {
    const name = variable[1]!;
    if (!(INCLUDE_VARIABLES as readonly string[]).includes(name)) {
      return `"${source}": unknown variable \${${name}}${suggestNames(name, INCLUDE_VARIABLES)} (patterns know \${service}, \${capability} and \${option})`;
    }
    return { kind: 'variable', name: name as Variable, repeat: variable[2] === '+' };
  }
  if (word.includes('${') || word.includes('*') || word.includes('}')) {
    return `"${source}": "${word}" mixes text with a variable or *: a token (between dots) is literal text, *, **, or one \${...} on its own`;
  }
  return { kind: 'literal', text: word };
}

/** The options in force, judged once per selection. */
export interface IncludeContext {
  /** The options in force (services, capabilities, `*`), flags and empty strings already left out. */
  options: ReadonlySet<string>;
  /** Every known capability name. */
  capabilities: ReadonlySet<string>;
}

/**
 * Whether some pattern selects the file. `tokens` are the file's tokens (for a cross file, v1's cross tokens).
 * `*` among the options makes every token that is not a capability a service; a file matched only thanks to it
 * must carry no capability token that is not in force (v1: `*` never brings in a GPU file).
 */
export function matchIncludePatterns(patterns: readonly IncludePattern[], cross: boolean, tokens: readonly string[], ctx: IncludeContext): boolean {
  const candidates = patterns.filter((p) => p.cross === cross);
  if (candidates.some((p) => matchTokens(p.tokens, 0, tokens, 0, ctx, false, cross))) return true;
  if (!ctx.options.has('*')) return false;
  if (tokens.some((t) => ctx.capabilities.has(t) && !ctx.options.has(t))) return false;
  return candidates.some((p) => matchTokens(p.tokens, 0, tokens, 0, ctx, true, cross));
}

/** Backtracking match of pattern tokens from `pi` against file tokens from `ti`. */
function matchTokens(pattern: readonly PatternToken[], pi: number, tokens: readonly string[], ti: number, ctx: IncludeContext, star: boolean, cross: boolean): boolean {
  if (pi === pattern.length) return ti === tokens.length;
  const token = pattern[pi]!;
  const rest = (next: number) => matchTokens(pattern, pi + 1, tokens, next, ctx, star, cross);
  switch (token.kind) {
    case 'literal':
      return ti < tokens.length && tokens[ti] === token.text && rest(ti + 1);
    case 'one':
      return ti < tokens.length && rest(ti + 1);
    case 'many':
      for (let next = ti; next <= tokens.length; next++) if (rest(next)) return true;
      return false;
    case 'variable':
      return matchVariable(token, tokens, ti, ctx, star, cross, rest);
  }
}

/** Tries every run of tokens the variable can take here (one, or with `+` several in a row), then the rest. */
function matchVariable(
  token: Extract<PatternToken, { kind: 'variable' }>,
  tokens: readonly string[],
  start: number,
  ctx: IncludeContext,
  star: boolean,
  cross: boolean,
  rest: (next: number) => boolean,
): boolean {
  const step = (from: number): boolean => {
    for (const next of takes(token.name, tokens, from, ctx, star, cross)) {
      if (rest(next) || (token.repeat && step(next))) return true;
    }
    return false;
  };
  return step(start);
}

/** The positions after each run of tokens from `from` that the variable matches. */
function takes(name: Variable, tokens: readonly string[], from: number, ctx: IncludeContext, star: boolean, cross: boolean): number[] {
  if (from >= tokens.length) return [];
  const t = tokens[from]!;
  const isCapability = ctx.capabilities.has(t);
  const service = !isCapability && t !== '*' && (ctx.options.has(t) || star);
  const capability = isCapability && ctx.options.has(t);
  const found: number[] = [];
  if (name === 'service' ? service : name === 'capability' ? capability : service || capability) found.push(from + 1);
  // v1's "name contains .<option>.": outside cross files an option with dots spans as many tokens.
  if (name === 'option' && !cross) {
    let text = t;
    for (let end = from + 1; end < tokens.length; end++) {
      text = `${text}.${tokens[end]}`;
      if (ctx.options.has(text)) found.push(end + 1);
    }
  }
  return found;
}
