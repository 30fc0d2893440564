// The command history's pure core: one JSON line per run, secret-looking values redacted, parsed back and trimmed.

export const HISTORY_PATH = 'var/history.jsonl';
export const DEFAULT_HISTORY_SIZE = 1000;
/** Stands in for a value Harbor does not record (`env set NAME VALUE`, `--token X`, `API_KEY=x`). */
export const REDACTED = '[redacted]';

export interface HistoryEntry {
  /** Its number: one more than the entry before it (kept across trims, like a shell's history). */
  n: number;
  /** ISO time the command started. */
  time: string;
  /** The arguments after `harbor`, secret-looking values replaced by REDACTED. */
  argv: string[];
  exit: number;
  durationMs: number;
  /** The user's directory on the host. */
  cwd: string;
}

// A name that says it holds a secret: API_KEY, --db-password, HF_TOKEN, client_secret…
const SECRET_NAME = /(pass(word|wd)?|secret|token|api[-_]?key|private[-_]?key|credential|auth)/i;

// Options of `env set` that take a value, so that the value is not taken for NAME.
const VALUE_OPTIONS = new Set(['--service', '--stack', '--site', '--profile', '--capabilities']);

/**
 * Replaces what may be a secret value: the VALUE of `env set NAME VALUE` (a secret name is refused by env set, but
 * a value typed on the command line is still one the user may not want kept), the value of any option whose name
 * looks secret (`--token X`, `--password=X`) and of any `NAME=VALUE` word whose NAME does (`-e HF_TOKEN=x`).
 * Secret values never reach argv in Harbor's own commands: `secrets set` reads them from stdin or a file.
 * @example redactArgv(['env', 'set', 'PORT', '8080']) // ['env', 'set', 'PORT', '[redacted]']
 */
export function redactArgv(argv: readonly string[]): string[] {
  const out = [...argv];
  const words: Array<readonly [string, number]> = [];
  for (let i = 0; i < out.length; i++) {
    if (out[i] === '--') break;
    if (VALUE_OPTIONS.has(out[i]!)) i++;
    else if (!out[i]!.startsWith('-')) words.push([out[i]!, i]);
  }
  if (words[0]?.[0] === 'env' && words[1]?.[0] === 'set' && words[3] !== undefined) out[words[3][1]] = REDACTED;
  for (let i = 0; i < out.length; i++) {
    const word = out[i]!;
    const option = /^(--?[A-Za-z0-9][\w-]*)(=.*)?$/s.exec(word);
    if (option && SECRET_NAME.test(option[1]!)) {
      if (option[2] !== undefined) out[i] = `${option[1]}=${REDACTED}`;
      else if (i + 1 < out.length && !out[i + 1]!.startsWith('-')) out[++i] = REDACTED;
      continue;
    }
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(word);
    if (assignment && SECRET_NAME.test(assignment[1]!)) out[i] = `${assignment[1]}=${REDACTED}`;
  }
  return out;
}

/** One line of var/history.jsonl (JSON escapes newlines, so an entry is always one line). */
export function renderHistoryLine(entry: HistoryEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

/** The entries of the file, oldest first; a line that is not a whole entry (a crash mid-write) is skipped. */
export function parseHistory(text: string): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    if (isEntry(value)) entries.push(value);
  }
  return entries;
}

function isEntry(value: unknown): value is HistoryEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    Number.isSafeInteger(e.n) &&
    typeof e.time === 'string' &&
    Array.isArray(e.argv) &&
    e.argv.every((a) => typeof a === 'string') &&
    Number.isInteger(e.exit) &&
    typeof e.durationMs === 'number' &&
    typeof e.cwd === 'string'
  );
}

/**
 * The file's text once `entry` is added: undefined when a plain append keeps it within `size` entries, else the
 * whole new text (the last `size` entries), to be written atomically.
 */
export function planHistoryAppend(existing: readonly HistoryEntry[], entry: HistoryEntry, size: number): string | undefined {
  if (existing.length + 1 <= size) return undefined;
  return [...existing, entry].slice(-size).map(renderHistoryLine).join('');
}

/** The next entry's number. */
export function nextHistoryNumber(existing: readonly HistoryEntry[]): number {
  return (existing.at(-1)?.n ?? 0) + 1;
}

/**
 * HARBOR_HISTORY_SIZE: how many entries to keep (0 turns recording off). Undefined text: the default.
 * Returns an error message for a bad value.
 */
export function parseHistorySize(text: string | undefined): { size: number } | { error: string } {
  if (text === undefined || text === '') return { size: DEFAULT_HISTORY_SIZE };
  if (!/^\d{1,7}$/.test(text)) return { error: `HARBOR_HISTORY_SIZE="${text}" is not a whole number from 0 to 9999999` };
  return { size: Number(text) };
}

/** Quotes a word for display only when a shell would need it, so a line can be pasted back. */
export function quoteWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `history`'s table: number, start time, exit code, duration, the command. */
export function renderHistory(entries: readonly HistoryEntry[]): string {
  const width = Math.max(1, ...entries.map((e) => String(e.n).length));
  return entries
    .map((e) => {
      const time = e.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
      const exit = e.exit === 0 ? 'ok ' : String(e.exit).padEnd(3);
      return `${String(e.n).padStart(width)}  ${time}  ${exit}  ${renderDuration(e.durationMs).padStart(6)}  harbor ${e.argv.map(quoteWord).join(' ')}\n`;
    })
    .join('');
}

function renderDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  return `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`;
}

/** `history run N` / `history N`: the words of an entry number, or the exact error. */
export function parseEntryNumber(text: string | undefined): { n: number } | { error: string } {
  if (text === undefined) return { error: 'history run needs an entry number (see `harbor history`)' };
  if (!/^[1-9]\d{0,14}$/.test(text)) return { error: `history: "${text}" is not an entry number (a whole number from 1, as \`harbor history\` lists them)` };
  return { n: Number(text) };
}
