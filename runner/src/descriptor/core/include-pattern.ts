// `source.rules.include` patterns (`compose.${service}.yml`): their syntax, checked by the schema; source/core/include-patterns.ts matches them.
import { suggestNames } from './suggest-names';

/**
 * v1's rules written as patterns (docs/compose-rules.md): a file that is not a cross file comes with any of its
 * tokens; a cross file needs every one of its tokens.
 */
export const V1_INCLUDE: readonly string[] = ['compose.**.${option}.**.yml', 'compose.x.${option}+.yml'];

export const INCLUDE_VARIABLES = ['service', 'capability', 'option'] as const;
export type IncludeVariable = (typeof INCLUDE_VARIABLES)[number];

export type PatternToken =
  | { kind: 'literal'; text: string }
  | { kind: 'one' }
  | { kind: 'many' }
  | { kind: 'variable'; name: IncludeVariable; repeat: boolean };

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
  const words = cross ? patternCrossTokens(source) : source.slice('compose.'.length, -'.yml'.length).split('.');
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
    return { kind: 'variable', name: name as IncludeVariable, repeat: variable[2] === '+' };
  }
  if (word.includes('${') || word.includes('*') || word.includes('}')) {
    return `"${source}": "${word}" mixes text with a variable or *: a token (between dots) is literal text, *, **, or one \${...} on its own`;
  }
  return { kind: 'literal', text: word };
}

/** v1's cross tokens, as source/core/compose-name.ts reads a file name: without a leading `compose.x.` and the `.yml`. */
function patternCrossTokens(pattern: string): string[] {
  const rest = pattern.startsWith('compose.x.') ? pattern.slice('compose.x.'.length) : pattern;
  return (rest.endsWith('.yml') ? rest.slice(0, -'.yml'.length) : rest).split('.');
}
