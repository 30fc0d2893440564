// Expands `$VAR`, `${VAR}`, `${VAR:-d}`, `${VAR-d}`, `${VAR:?e}`, `${VAR?e}`, `${VAR:+a}`, `${VAR+a}` and `$$` as Compose does.
import { EnvError } from '../../shared/core/errors';

/** Returns a variable's value, or undefined when it is not set (empty string is "set"). */
export type VariableLookup = (name: string) => string | undefined;

export interface Expansion {
  value: string;
  /** Plain references (`$X`, `${X}`) to unset variables, in order: Compose warns "defaulting to a blank string". */
  unset: string[];
}

/** A bad `${...}` or a `${X:?message}` whose X is missing. `detail` is the user's message, already expanded. */
export class VariableReferenceError extends EnvError {
  constructor(
    readonly kind: 'invalid' | 'required',
    readonly variable: string,
    readonly detail: string,
  ) {
    super(
      kind === 'invalid'
        ? `invalid variable reference "${variable}"`
        : `required variable ${variable} is missing a value${detail ? `: ${detail}` : ''}`,
      { code: kind === 'invalid' ? 'ENV_REFERENCE' : 'ENV_REQUIRED' },
    );
  }
}

// compose-go v2 template/template.go, kept byte for byte in meaning:
//   \$(?i:(?P<escaped>\$)|(?P<named>[_a-z][_a-z0-9]*)|{(?:(?P<braced>[_a-z][_a-z0-9]*(?::?[-+?](.*))?)}|(?P<invalid>)))
// Go's `.` stops only at \n (JS's also at \r, \u2028, \u2029), hence [^\n]. With the `u` flag, `i` folds like
// Go's (?i): the Kelvin sign and the long s match [a-z], as they do in Compose.
const PATTERN_SOURCE = String.raw`\$(?:(\$)|([_a-z][_a-z0-9]*)|\{(?:([_a-z][_a-z0-9]*(?::?[-+?][^\n]*)?)\}|()))`;
const PATTERN = new RegExp(PATTERN_SOURCE, 'giu');
const FIRST_MATCH = new RegExp(PATTERN_SOURCE, 'iu');

// Compose picks the operator that appears first in the matched text, among these.
const OPERATORS = [':?', '?', ':-', '-', ':+', '+'] as const;
type Operator = (typeof OPERATORS)[number];

/**
 * Expands variable references in `template` the way Docker Compose expands them in env files and compose files.
 * Undefined plain references become '' (listed in `unset`); defaults and messages are expanded even when unused,
 * as in Compose. Throws VariableReferenceError for a malformed reference or a missing required variable.
 * @example expandVariables('${HOST:-localhost}:$PORT', (n) => ({ PORT: '80' })[n]).value // 'localhost:80'
 */
export function expandVariables(template: string, lookup: VariableLookup): Expansion {
  const unset: string[] = [];
  const value = substitute(template, lookup, unset);
  return { value, unset };
}

function substitute(template: string, lookup: VariableLookup, unset: string[]): string {
  let firstError: unknown;
  const result = template.replace(PATTERN, (matched) => {
    try {
      return replaceMatch(matched, lookup, unset);
    } catch (err) {
      firstError ??= err;
      return '';
    }
  });
  if (firstError !== undefined) throw firstError;
  return result;
}

function replaceMatch(matched: string, lookup: VariableLookup, unset: string[]): string {
  // The braced form's greedy tail may run past its own `}`: cut at the first balanced brace and expand the
  // rest separately, as Compose does (so `${A:-x}-${B}` is two references).
  const operator = firstOperator(matched);
  const close = firstBraceClosingIndex(matched);
  let substring = matched;
  let rest = '';
  if (close > -1) {
    rest = matched.slice(close + 1);
    substring = matched.slice(0, close + 1);
  }
  const groups = FIRST_MATCH.exec(substring);
  const escaped = groups?.[1];
  const named = groups?.[2];
  const braced = groups?.[3];
  if (escaped) return escaped;
  if (named) return plainLookup(named, lookup, unset);
  if (!braced) throw new VariableReferenceError('invalid', substring, '');
  if (operator !== undefined) {
    const applied = applyOperator(operator, braced, lookup, unset);
    if (applied !== undefined) return applied + substitute(rest, lookup, unset);
  }
  return plainLookup(braced, lookup, unset);
}

function plainLookup(name: string, lookup: VariableLookup, unset: string[]): string {
  const value = lookup(name);
  if (value === undefined) unset.push(name);
  return value ?? '';
}

/** The operator found at the lowest index of the whole match (compose-go getSubstitutionFunctionForTemplate). */
function firstOperator(text: string): Operator | undefined {
  let best: Operator | undefined;
  let bestIndex = Infinity;
  for (const op of OPERATORS) {
    const index = text.indexOf(op);
    if (index >= 0 && index < bestIndex) {
      best = op;
      bestIndex = index;
    }
  }
  return best;
}

/** Applies one operator, or returns undefined when the substitution does not contain it (not applied). */
function applyOperator(op: Operator, substitution: string, lookup: VariableLookup, unset: string[]): string | undefined {
  const at = substitution.indexOf(op);
  if (at < 0) return undefined;
  const name = substitution.slice(0, at);
  // Compose expands the default / alternative / message before looking the variable up, used or not.
  const argument = substitute(substitution.slice(at + op.length), lookup, unset);
  const value = lookup(name);
  switch (op) {
    case ':-':
      return value === undefined || value === '' ? argument : value;
    case '-':
      return value === undefined ? argument : value;
    case ':+':
      return value !== undefined && value !== '' ? argument : (value ?? '');
    case '+':
      return value !== undefined ? argument : '';
    case ':?':
    case '?':
      if (value === undefined || (op === ':?' && value === '')) throw new VariableReferenceError('required', name, argument);
      return value;
  }
}

/** compose-go getFirstBraceClosingIndex, including its skip of the character after each `{`. */
function firstBraceClosingIndex(text: string): number {
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '}') {
      open--;
      if (open === 0) return i;
    }
    if (text[i] === '{') {
      open++;
      i++;
    }
  }
  return -1;
}
