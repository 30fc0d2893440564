// Parses a dotenv file exactly as Docker Compose does (compose-go v2 dotenv/parser.go), keeping each key's line.
import { EnvError } from '../../shared/core/errors';
import { expandVariables, VariableReferenceError, type VariableLookup } from './expand-variables';

/** Where a reference inside a value found its value. */
export interface DotenvReference {
  name: string;
  from: 'file' | 'outside' | 'unset';
}

export interface DotenvEntry {
  key: string;
  value: string;
  /** 1-based line where the statement starts. */
  line: number;
  /** A bare `KEY` line: the value came from the lookup. */
  inherited: boolean;
  /** Every variable looked up while expanding the value, in order. */
  references: DotenvReference[];
  /** Plain references that found no value (Compose warns and uses ''). */
  unset: string[];
}

export interface ParsedDotenv {
  /** Statements that set a key, in file order; a key set twice appears twice (the later wins). */
  entries: DotenvEntry[];
  /** Bare `KEY` lines whose name the lookup did not know: Compose leaves them unset. */
  unresolved: Array<{ key: string; line: number }>;
}

export interface ParseDotenvOptions {
  /** Named in error messages. */
  file: string;
  /** Variables outside this file, consulted after the file's own earlier keys. */
  lookup?: VariableLookup;
  /** Keeps values and raw text out of error messages. */
  secret?: boolean;
}

// unicode.IsSpace (Go): JS's \s differs (it has U+FEFF, lacks U+0085).
const UNICODE_SPACE = /[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/;
// The parser's isSpace: blanks that are not a line break.
const BLANKS = new Set(['\t', '\v', '\f', '\r', ' ', '\u0085', '\u00A0']);
// Go RE2's \s is [\t\n\f\r ].
const EXPORT_PREFIX = /export[\t\n\f\r ]+/y;
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;
const ESCAPE_SEQUENCE = /\\(?:[abcfnrtv$"\\]|0[0-9]{0,3})/g;
const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', '\\': '\\' };

/**
 * Parses dotenv text the way `docker compose --env-file` reads it: `export`, `KEY=value` and `KEY: value`,
 * unquoted values cut at ` #` and trimmed, single quotes (no expansion), double quotes (escapes, then expansion),
 * multi-line quoted values, a leading UTF-8 BOM, CRLF. A reference looks first at the file's earlier keys, then
 * `options.lookup` (Compose looks at the OS environment first: see docs/Harbor-Prepare-Deploy.md).
 * Throws EnvError naming the file and line for every line Compose rejects.
 * @example parseDotenv('A=1\nB="${A}2"', { file: 'x.env' }).entries.map((e) => e.value) // ['1', '12']
 */
export function parseDotenv(text: string, options: ParseDotenvOptions): ParsedDotenv {
  const parser = new DotenvParser(text, options);
  return parser.parse();
}

class DotenvParser {
  readonly #text: string;
  readonly #options: ParseDotenvOptions;
  readonly #own = new Map<string, string>();
  readonly #entries: DotenvEntry[] = [];
  readonly #unresolved: Array<{ key: string; line: number }> = [];
  // Line counting is incremental: #lineAt(pos) only ever moves forward.
  #lineCursor = 0;
  #line = 1;

  constructor(text: string, options: ParseDotenvOptions) {
    this.#text = text.startsWith('\uFEFF') ? text.slice(1) : text;
    this.#options = options;
  }

  parse(): ParsedDotenv {
    let pos = 0;
    for (;;) {
      pos = this.#statementStart(pos);
      if (pos === -1) break;
      pos = this.#statement(pos);
    }
    return { entries: this.#entries, unresolved: this.#unresolved };
  }

  /** Skips whitespace and comment lines; -1 at the end of the text. */
  #statementStart(from: number): number {
    const text = this.#text;
    let pos = from;
    for (;;) {
      while (pos < text.length && UNICODE_SPACE.test(text[pos]!)) pos++;
      if (pos >= text.length) return -1;
      if (text[pos] !== '#') return pos;
      const newline = text.indexOf('\n', pos);
      if (newline === -1) return -1;
      pos = newline;
    }
  }

  /** Reads one statement starting at `start`; returns where the next one may start. */
  #statement(start: number): number {
    const text = this.#text;
    const line = this.#lineAt(start);
    let pos = start;
    EXPORT_PREFIX.lastIndex = pos;
    if (EXPORT_PREFIX.test(text)) {
      pos += 'export'.length;
      while (pos < text.length && BLANKS.has(text[pos]!)) pos++;
    }
    const keyStart = pos;
    let keyEnd = -1;
    let inherited = false;
    while (pos < text.length) {
      const ch = String.fromCodePoint(text.codePointAt(pos)!);
      if (ch === '=' || ch === ':' || ch === '\n') {
        keyEnd = pos;
        inherited = ch === '\n';
        break;
      }
      if (!BLANKS.has(ch) && !'_.-[]'.includes(ch) && !LETTER_OR_NUMBER.test(ch)) {
        const name = text.slice(keyStart, pos + ch.length);
        throw this.#error(line, `unexpected character ${JSON.stringify(ch)} in variable name ${JSON.stringify(name)}`,
          'names may use letters, digits, _ . - [ ]; quote nothing before the =');
      }
      pos += ch.length;
    }
    if (keyEnd === -1) {
      // Compose reads the line as an empty name and then fails ("setenv: invalid argument").
      throw this.#error(line, `"${text.slice(keyStart).trim()}" has no "=" (expected NAME=value)`, 'write NAME=value, or end the line with a newline to pass NAME through');
    }
    const key = trimEndSpace(text.slice(keyStart, keyEnd));
    if (key.includes(' ')) throw this.#error(line, `key ${JSON.stringify(key)} cannot contain a space`, 'remove the space, or quote the value after the =');
    let valueStart = keyEnd + 1;
    while (valueStart < text.length && BLANKS.has(text[valueStart]!)) valueStart++;

    if (inherited) {
      if (key === '') return valueStart;
      const value = this.#options.lookup?.(key);
      if (value === undefined) this.#unresolved.push({ key, line });
      else this.#set({ key, value, line, inherited: true, references: [], unset: [] });
      return valueStart;
    }
    if (key === '') throw this.#error(line, 'a line starts with "=": the variable name is missing', 'write NAME=value');
    const quote = text[valueStart];
    if (quote === '"' || quote === "'") return this.#quoted(key, line, valueStart, quote);
    let end = text.indexOf('\n', valueStart);
    if (end === -1) end = text.length;
    let raw = text.slice(valueStart, end);
    const comment = raw.indexOf(' #');
    if (comment >= 0) raw = raw.slice(0, comment);
    this.#setExpanded(key, line, trimEndSpace(raw));
    return end;
  }

  #quoted(key: string, line: number, start: number, quote: string): number {
    const text = this.#text;
    let chars = '';
    let escaping = false;
    for (let i = start + 1; i < text.length; i++) {
      const ch = text[i]!;
      if (ch !== quote) {
        if (!escaping && ch === '\\') {
          escaping = true;
          continue;
        }
        if (escaping) {
          escaping = false;
          chars += '\\';
        }
        chars += ch;
        continue;
      }
      if (escaping) {
        // \" or \' : the quote itself
        escaping = false;
        chars += ch;
        continue;
      }
      if (quote === '"') this.#setExpanded(key, line, expandEscapes(chars));
      else this.#set({ key, value: chars, line, inherited: false, references: [], unset: [] });
      return i + 1;
    }
    throw this.#error(line, `${key}: unterminated quoted value (no closing ${quote})`, `close the value with ${quote}; a ${quote} inside it is written \\${quote}`);
  }

  #setExpanded(key: string, line: number, raw: string): void {
    const references: DotenvReference[] = [];
    const lookup: VariableLookup = (name) => {
      const own = this.#own.get(name);
      if (own !== undefined) {
        references.push({ name, from: 'file' });
        return own;
      }
      const outside = this.#options.lookup?.(name);
      references.push({ name, from: outside === undefined ? 'unset' : 'outside' });
      return outside;
    };
    try {
      const { value, unset } = expandVariables(raw, lookup);
      this.#set({ key, value, line, inherited: false, references, unset });
    } catch (err) {
      if (!(err instanceof VariableReferenceError)) throw err;
      const secret = this.#options.secret === true;
      const message =
        err.kind === 'required'
          ? `${key}: required variable ${err.variable} is missing a value${err.detail && !secret ? `: ${err.detail}` : ''}`
          : secret
            ? `${key}: invalid variable reference (not shown: secret file)`
            : `${key}: invalid variable reference in ${JSON.stringify(raw)}`;
      throw this.#error(line, message, 'references are $NAME or ${NAME} with :- - :? ? :+ + ; write $$ for a literal $');
    }
  }

  #set(entry: DotenvEntry): void {
    this.#own.set(entry.key, entry.value);
    this.#entries.push(entry);
  }

  #lineAt(pos: number): number {
    const text = this.#text;
    for (let i = this.#lineCursor; i < pos; i++) if (text.charCodeAt(i) === 10) this.#line++;
    this.#lineCursor = Math.max(this.#lineCursor, pos);
    return this.#line;
  }

  #error(line: number, message: string, hint: string): EnvError {
    return new EnvError(`${this.#options.file}:${line}: ${message}`, { code: 'ENV_DOTENV', hint });
  }
}

/** Double-quoted values: the escapes Compose knows; `\$` stays a literal dollar. */
function expandEscapes(value: string): string {
  return value.replace(ESCAPE_SEQUENCE, (match) => {
    if (match === '\\$') return '$$';
    const letter = match[1]!;
    if (letter !== '0') return SIMPLE_ESCAPES[letter] ?? match;
    // `\0ddd` is Go's octal `\ddd`: exactly three octal digits, at most 255; otherwise kept as `\ddd`.
    const digits = match.slice(2);
    const kept = `\\${digits}`;
    if (!/^[0-7]{3}$/.test(digits)) return kept;
    const code = parseInt(digits, 8);
    return code > 255 ? kept : String.fromCodePoint(code);
  });
}

function trimEndSpace(text: string): string {
  let end = text.length;
  while (end > 0 && UNICODE_SPACE.test(text[end - 1]!)) end--;
  return text.slice(0, end);
}
