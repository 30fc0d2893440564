// The messages between a ts_routine's container and the runner: marker lines on its stdout, JSON answers on its stdin.

/** A line on the routine's stdout that starts with this is a message to the runner, not output. */
export const ROUTINE_MARKER = '\u001eharbor:';

export type RoutineMessage =
  | { type: 'compose'; id: number; args: string[] }
  | { type: 'error'; message: string; location?: string | undefined };

export interface ComposeAnswer {
  id: number;
  code: number;
  stdout: string;
  stderr: string;
}

export function renderRoutineMessage(message: RoutineMessage): string {
  return `${ROUTINE_MARKER}${JSON.stringify(message)}\n`;
}

/**
 * undefined for an ordinary output line; a message, or an `error` describing why it is malformed, otherwise.
 * @example parseRoutineMessage('\u001eharbor:{"type":"compose","id":1,"args":["ps"]}') // { type: 'compose', id: 1, args: ['ps'] }
 */
export function parseRoutineMessage(line: string): RoutineMessage | undefined {
  if (!line.startsWith(ROUTINE_MARKER)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line.slice(ROUTINE_MARKER.length));
  } catch {
    return { type: 'error', message: 'the routine sent a malformed message' };
  }
  const m = value as Record<string, unknown>;
  if (m.type === 'compose' && typeof m.id === 'number' && Array.isArray(m.args) && m.args.every((a) => typeof a === 'string')) {
    return { type: 'compose', id: m.id, args: m.args as string[] };
  }
  if (m.type === 'error' && typeof m.message === 'string') {
    return { type: 'error', message: m.message, location: typeof m.location === 'string' ? m.location : undefined };
  }
  return { type: 'error', message: 'the routine sent a message the runner does not know' };
}

/**
 * The first stack frame in the routine's own files (not Node's, not Harbor's), as `file:line` relative to the home.
 * @example selectRoutineLocation('Error: x\n    at default (/h/stacks/a/check.ts:4:9)', '/h') // 'stacks/a/check.ts:4'
 */
export function selectRoutineLocation(stack: string, home: string): string | undefined {
  for (const match of stack.matchAll(/\(?((?:file:\/\/)?\/[^():\s]+):(\d+):(\d+)\)?$/gm)) {
    const file = match[1]!.replace(/^file:\/\//, '');
    if (file.startsWith(`${home}/`)) return `${file.slice(home.length + 1)}:${match[2]}`;
  }
  return undefined;
}
