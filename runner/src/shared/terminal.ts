// Tells whether the user is at a terminal: compose exec/run then get a TTY, otherwise `-T` (tests, pipes, CI).

export function isInteractiveTerminal(): boolean {
  return process.stdin.isTTY === true && process.stdout.isTTY === true;
}

/** stdout is a terminal: nobody parses it, so progress output may go there. */
export function isStdoutTerminal(): boolean {
  return process.stdout.isTTY === true;
}

/** stdin is a terminal: nothing was piped in. */
export function isStdinTerminal(): boolean {
  return process.stdin.isTTY === true;
}
