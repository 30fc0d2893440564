// Renders liquid templates (liquidjs) from an in-memory template folder: strict, no file system, no clock.
import { Liquid, filters as builtinFilters, type LiquidError } from 'liquidjs';
import { EnvError } from '../../shared/core/errors';
import type { TemplateRenderContext, TemplateRenderResult } from './render-envsubst';
import { secretNotAllowedError, undefinedVariableError, where } from './template-errors';
import { revealValue } from './template-values';

/** One template folder's text files, by path relative to the folder, as `{% include %}` names them. */
export interface LiquidFolder {
  /** Home-relative folder path, for messages. */
  folder: string;
  texts: ReadonlyMap<string, string>;
}

export type LiquidRenderer = (relPath: string, ctx: TemplateRenderContext) => TemplateRenderResult;

/** Thrown by the getter of a secret the template may not use; liquidjs wraps it with the position. */
class SecretAccess extends Error {
  constructor(readonly variable: string) {
    super(`secret ${variable}`);
  }
}

const CLOCK_FILTERS = ['date', 'date_to_xmlschema', 'date_to_rfc822', 'date_to_string', 'date_to_long_string'] as const;

/**
 * liquidjs reads only the `templates` map (its MapFS), so includes, renders and layouts cannot reach anything
 * outside the folder. strictVariables and strictFilters turn typos into errors; lenientIf keeps
 * `{% if X %}` and `| default:` usable for optional values. The date filters refuse "now"/"today" so
 * the same inputs always give the same bytes.
 * @example buildLiquidRenderer({ folder: 'stacks/web/templates', texts })('app.conf.liquid', ctx).text
 */
export function buildLiquidRenderer(folder: LiquidFolder): LiquidRenderer {
  const templates: Record<string, string> = Object.create(null);
  const fileByText = new Map<string, string>();
  for (const [rel, text] of folder.texts) {
    templates[rel] = text;
    if (!fileByText.has(text)) fileByText.set(text, rel);
  }
  const liquid = new Liquid({
    templates,
    strictVariables: true,
    strictFilters: true,
    lenientIf: true,
    ownPropertyOnly: true,
    cache: true,
    timezoneOffset: 0,
    locale: 'en-US',
  });
  liquid.registerFilter('upper', (value: unknown) => String(value ?? '').toUpperCase());
  liquid.registerFilter('lower', (value: unknown) => String(value ?? '').toLowerCase());
  for (const name of CLOCK_FILTERS) {
    const builtin = builtinFilters[name] as (this: unknown, ...args: unknown[]) => unknown;
    liquid.registerFilter(name, function (this: unknown, value: unknown, ...args: unknown[]) {
      if (value === 'now' || value === 'today') throw new Error(`${name}: "${value}" is not available: templates render the same output for the same inputs`);
      return builtin.call(this, value, ...args);
    });
  }

  let scopeValues: TemplateRenderContext['values'] | undefined;
  let scope: Record<string, unknown> = {};
  let current = { allowSecrets: false, usedSecrets: false };
  return (relPath, ctx) => {
    // The scope is built once per folder; secret getters consult the current render's permissions.
    if (scopeValues !== ctx.values) {
      scopeValues = ctx.values;
      scope = buildScope(ctx.values, () => current);
    }
    current = { allowSecrets: ctx.allowSecrets, usedSecrets: false };
    let text: string;
    try {
      text = liquid.renderFileSync(relPath, scope) as string;
    } catch (err) {
      throw translate(err as LiquidError, relPath, ctx, folder, fileByText);
    }
    return { text, usedSecrets: current.usedSecrets };
  };
}

function buildScope(values: TemplateRenderContext['values'], current: () => { allowSecrets: boolean; usedSecrets: boolean }): Record<string, unknown> {
  const scope: Record<string, unknown> = {};
  for (const [name, value] of values.values) {
    if (!values.secretNames.has(name)) {
      scope[name] = revealValue(value);
      continue;
    }
    Object.defineProperty(scope, name, {
      enumerable: true,
      get() {
        const now = current();
        if (!now.allowSecrets) throw new SecretAccess(name);
        now.usedSecrets = true;
        return revealValue(value);
      },
    });
  }
  return scope;
}

/** Turns a liquidjs error into Harbor's wording, naming the file that failed (an include's, when it was one). */
function translate(err: LiquidError, relPath: string, ctx: TemplateRenderContext, folder: LiquidFolder, fileByText: Map<string, string>): Error {
  const token = (err as unknown as { token?: { input?: string; file?: string; getPosition?: () => [number, number] } }).token;
  if (!token?.getPosition) return err;
  const [line, col] = token.getPosition();
  // liquidjs names the file on tag tokens only; an output token's file is found by its source text.
  const rel = token.file ?? (token.input !== undefined && folder.texts.get(relPath) !== token.input ? fileByText.get(token.input) : undefined) ?? relPath;
  const at = { file: rel === relPath ? ctx.file : `${folder.folder}/${rel}`, line, col };
  const original = (err as { originalError?: unknown }).originalError;
  if (original instanceof SecretAccess) return secretNotAllowedError(at, original.variable, ctx.entry);
  if (err.name === 'UndefinedVariableError') {
    const name = /^undefined variable: (.*?)(, file:.*)?, line:/.exec(err.message)?.[1] ?? '?';
    return undefinedVariableError(at, name, `{{ ${name} | default: "value" }}`);
  }
  // liquidjs's own message (without its ", file:f, line:x, col:y" suffix) names tags, filters and files, not values.
  const message = redact(err.message.replace(/(, file:.*)?, line:\d+, col:\d+$/s, ''), ctx.values);
  const kind = err.name === 'ParseError' || err.name === 'TokenizationError' ? 'invalid liquid' : 'liquid render error';
  return new EnvError(`${where(at)}: ${kind}: ${message}`, {
    hint: 'see https://liquidjs.com/tags/overview.html; Harbor adds the filters upper and lower, and allows includes only from the same template folder',
  });
}

/** Defence in depth: a filter's own error text could quote a value; secrets never reach a message. */
function redact(message: string, values: TemplateRenderContext['values']): string {
  let out = message;
  for (const name of values.secretNames) {
    const value = revealValue(values.values.get(name));
    if (value) out = out.split(value).join('[redacted]');
  }
  return out;
}
