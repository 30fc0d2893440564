// The errors a template can cause, worded once for both engines: file:line:col, the variable, and the fix.
import { EnvError, SecretError } from '../../shared/core/errors';

/** Where in a template something went wrong (1-based line and column). */
export interface TemplatePosition {
  file: string;
  line: number;
  col: number;
}

export function undefinedVariableError(at: TemplatePosition, name: string, defaultExample: string): EnvError {
  return new EnvError(`${where(at)}: undefined variable ${name}`, {
    hint: `set ${name} in an env layer or in prepare.interpolation.values.extra, or give it a default: ${defaultExample}`,
  });
}

/** Names the variable and the template, never the value. */
export function secretNotAllowedError(at: TemplatePosition, name: string, entry: string): SecretError {
  return new SecretError(`${where(at)}: ${name} is a secret and ${entry} does not allow secrets`, {
    hint: `add \`secrets: true\` to ${entry} to render it (the file is then written with mode 0600)`,
  });
}

export function where(at: TemplatePosition): string {
  return `${at.file}:${at.line}:${at.col}`;
}

/** 1-based line and column of a UTF-16 offset in `text`. */
export function positionOf(file: string, text: string, offset: number): TemplatePosition {
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { file, line, col: offset - lineStart + 1 };
}
