// Sets or removes one name in dotenv text, keeping every other line, comment and the order as they were.
import { EnvError } from '../../shared/core/errors';
import { parseDotenv } from './parse-dotenv';
import { renderDotenvValue } from './render-dotenv';

/** Names `env set` writes: what compose and a shell both read as one variable. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface DotenvEdit {
  text: string;
  /** 'added' (a new line at the end), 'changed', 'unchanged' (same value already), 'removed', 'absent'. */
  outcome: 'added' | 'changed' | 'unchanged' | 'removed' | 'absent';
}

/**
 * `value` undefined removes every statement of `name`; otherwise the statement that wins (the last one) gets the
 * new value, keeping its `export` prefix and a comment after it, and a name not yet there is appended.
 * @example editDotenvText('# db\nA=1 # old\nB=2\n', 'A', '3', 'etc/sys.env').text // '# db\nA=3 # old\nB=2\n'
 */
export function editDotenvText(text: string, name: string, value: string | undefined, file: string): DotenvEdit {
  if (!ENV_NAME.test(name)) throw new EnvError(`"${name}" is not a variable name`, { code: 'ENV_NAME', hint: 'names use letters, digits and _, not starting with a digit' });
  // Parsing first also refuses to edit a file compose could not read: the user fixes that line by hand.
  const entries = parseDotenv(text, { file }).entries.filter((e) => e.key === name && !e.inherited);
  const lines = text.split('\n');
  if (value === undefined) {
    if (entries.length === 0) return { text, outcome: 'absent' };
    for (const entry of [...entries].reverse()) {
      const span = statementSpan(lines, entry.line);
      lines.splice(entry.line - 1, span.end - entry.line + 1);
    }
    return { text: lines.join('\n'), outcome: 'removed' };
  }
  const last = entries.at(-1);
  if (last === undefined) {
    const body = text === '' || text.endsWith('\n') ? text : `${text}\n`;
    return { text: `${body}${name}=${renderDotenvValue(value)}\n`, outcome: 'added' };
  }
  if (last.value === value) return { text, outcome: 'unchanged' };
  const span = statementSpan(lines, last.line);
  lines.splice(last.line - 1, span.end - last.line + 1, `${span.prefix}${name}=${renderDotenvValue(value)}${span.trailer}`);
  return { text: lines.join('\n'), outcome: 'changed' };
}

interface StatementSpan {
  /** Last line (1-based) of the statement: a quoted value may run over several. */
  end: number;
  /** `export ` and the indentation before the name. */
  prefix: string;
  /** What follows the value on its last line (a ` # comment`), kept. */
  trailer: string;
}

/** Where the statement that parseDotenv reported at `line` ends (its quoting rules, compose-go's parser). */
function statementSpan(lines: readonly string[], line: number): StatementSpan {
  const first = lines[line - 1]!;
  const prefix = /^\s*(?:export\s+)?/.exec(first)![0];
  const rest = lines.slice(line - 1).join('\n');
  const separator = rest.search(/[=:]/);
  let start = separator + 1;
  while (rest[start] === ' ' || rest[start] === '\t') start++;
  const quote = rest[start];
  if (quote !== '"' && quote !== "'") {
    // An unquoted value is one line; like the parser, ` #` starts a comment only after the value began.
    const comment = first.indexOf(' #', start);
    return { end: line, prefix, trailer: comment >= 0 ? first.slice(comment) : '' };
  }
  let i = start + 1;
  for (; i < rest.length; i++) {
    if (rest[i] === '\\') i++;
    else if (rest[i] === quote) break;
  }
  const before = rest.slice(0, i + 1);
  const endLine = line + (before.match(/\n/g)?.length ?? 0);
  const lastLine = lines[endLine - 1]!;
  const closeAt = i + 1 - (before.lastIndexOf('\n') + 1);
  const after = lastLine.slice(closeAt);
  const comment = after.indexOf(' #');
  return { end: endLine, prefix, trailer: comment >= 0 ? after.slice(comment) : '' };
}
