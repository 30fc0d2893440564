// Renders Compose-style substitutions ($NAME, ${NAME}, ${NAME:-d}, ${NAME:?msg}, ${NAME:+alt}, $$) in a text template.
import { EnvError } from '../../shared/core/errors';
import { positionOf, secretNotAllowedError, undefinedVariableError, where } from './template-errors';
import { revealValue, type TemplateValues } from './template-values';

export interface TemplateRenderContext {
  /** Home-relative path of the template, for messages. */
  file: string;
  /** Dotted descriptor path of the template entry, for hints: 'prepare.templates[0]'. */
  entry: string;
  values: TemplateValues;
  allowSecrets: boolean;
}

export interface TemplateRenderResult {
  text: string;
  /** Whether a secret value was referenced (the file then gets mode 0600). */
  usedSecrets: boolean;
}

const OPERATORS = [':-', ':?', ':+', '-', '?', '+'] as const;
type Operator = (typeof OPERATORS)[number];

/**
 * Follows compose-go's template package (github.com/compose-spec/compose-go, template/template.go): names are
 * `[_a-zA-Z][_a-zA-Z0-9]*`, `$$` is a literal `$`, a `$` that starts no substitution stays as it is, a bad
 * `${...}` is an error, defaults and alternatives may nest `${...}` (checked against the installed
 * `docker compose` by tests/integration/templates-envsubst-compose.test.ts). Two deliberate differences: an undefined variable is an error (Compose warns and
 * substitutes ""), and a default is expanded only when it is used (so `${A:-${B}}` needs B only when A is empty).
 * @example renderEnvsubst('port=${PORT:-80} $$HOME', ctx).text // 'port=80 $HOME' when PORT is unset
 */
export function renderEnvsubst(text: string, ctx: TemplateRenderContext): TemplateRenderResult {
  const state = { usedSecrets: false };
  const out: string[] = [];
  expand(text, 0, text.length, out, ctx, state);
  return { text: out.join(''), usedSecrets: state.usedSecrets };
}

function expand(src: string, start: number, end: number, out: string[], ctx: TemplateRenderContext, state: { usedSecrets: boolean }): void {
  let i = start;
  while (i < end) {
    const dollar = src.indexOf('$', i);
    if (dollar === -1 || dollar >= end) {
      out.push(src.slice(i, end));
      return;
    }
    out.push(src.slice(i, dollar));
    const next = dollar + 1 < end ? src.charCodeAt(dollar + 1) : -1;
    if (next === 0x24 /* $ */) {
      out.push('$');
      i = dollar + 2;
    } else if (isNameStart(next)) {
      const nameEnd = scanName(src, dollar + 1, end);
      out.push(lookup(src, dollar, src.slice(dollar + 1, nameEnd), ctx, state) ?? missing(src, dollar, src.slice(dollar + 1, nameEnd), ctx));
      i = nameEnd;
    } else if (next === 0x7b /* { */) {
      const close = closingBrace(src, dollar, end);
      if (close === -1) throw invalid(src, dollar, end, ctx);
      braced(src, dollar, close, out, ctx, state);
      i = close + 1;
    } else {
      // Compose 2.26 keeps a `$` that starts no substitution (`$1`, `$ `, a final `$`) as it is.
      out.push('$');
      i = dollar + 1;
    }
  }
}

/** `${NAME}` or `${NAME<op><word>}` between `dollar` and its closing brace `close`. */
function braced(src: string, dollar: number, close: number, out: string[], ctx: TemplateRenderContext, state: { usedSecrets: boolean }): void {
  const nameStart = dollar + 2;
  if (!isNameStart(src.charCodeAt(nameStart))) throw invalid(src, dollar, close + 1, ctx);
  const nameEnd = scanName(src, nameStart, close);
  const name = src.slice(nameStart, nameEnd);
  if (nameEnd === close) {
    out.push(lookup(src, dollar, name, ctx, state) ?? missing(src, dollar, name, ctx));
    return;
  }
  const op = OPERATORS.find((o) => src.startsWith(o, nameEnd)) as Operator | undefined;
  if (op === undefined) throw invalid(src, dollar, close + 1, ctx);
  const wordStart = nameEnd + op.length;
  const value = lookup(src, dollar, name, ctx, state);
  const empty = value === undefined || (op.startsWith(':') && value === '');
  switch (op) {
    case ':-':
    case '-':
      if (empty) expand(src, wordStart, close, out, ctx, state);
      else out.push(value!);
      return;
    case ':+':
    case '+':
      if (!empty) expand(src, wordStart, close, out, ctx, state);
      return;
    case ':?':
    case '?':
      // The message is shown as written: expanding it could put a secret value into the error.
      if (empty) {
        throw new EnvError(`${where(positionOf(ctx.file, src, dollar))}: required variable ${name} is missing a value: ${src.slice(wordStart, close)}`, {
          hint: `set ${name} in an env layer or in prepare.interpolation.values.extra`,
        });
      }
      out.push(value!);
  }
}

function lookup(src: string, at: number, name: string, ctx: TemplateRenderContext, state: { usedSecrets: boolean }): string | undefined {
  const raw = ctx.values.values.get(name);
  if (raw !== undefined && ctx.values.secretNames.has(name)) {
    if (!ctx.allowSecrets) throw secretNotAllowedError(positionOf(ctx.file, src, at), name, ctx.entry);
    state.usedSecrets = true;
  }
  return revealValue(raw);
}

function missing(src: string, at: number, name: string, ctx: TemplateRenderContext): never {
  throw undefinedVariableError(positionOf(ctx.file, src, at), name, `\${${name}:-value}`);
}

function invalid(src: string, at: number, end: number, ctx: TemplateRenderContext): EnvError {
  const lineEnd = src.indexOf('\n', at);
  const snippet = src.slice(at, Math.min(end, lineEnd === -1 ? src.length : lineEnd, at + 40));
  return new EnvError(`${where(positionOf(ctx.file, src, at))}: invalid substitution "${snippet}"`, {
    hint: 'write $$ for a literal $; substitutions are $NAME, ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?message}, ${NAME:+alternative}',
  });
}

/** compose-go's getFirstBraceClosingIndex: `${` opens, `}` closes; -1 when unclosed. */
function closingBrace(src: string, dollar: number, end: number): number {
  let depth = 0;
  for (let j = dollar; j < end; j++) {
    const c = src.charCodeAt(j);
    if (c === 0x7d /* } */) {
      depth--;
      if (depth === 0) return j;
    } else if (c === 0x24 && src.charCodeAt(j + 1) === 0x7b) {
      depth++;
      j++;
    }
  }
  return -1;
}

function scanName(src: string, start: number, end: number): number {
  let j = start;
  while (j < end && isNameChar(src.charCodeAt(j))) j++;
  return j;
}

function isNameStart(c: number): boolean {
  return c === 0x5f || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39);
}
