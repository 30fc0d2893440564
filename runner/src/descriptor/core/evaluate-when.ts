// Decides whether a step runs: its `when:` after `${VAR}` interpolation is off when empty, false, 0, no or off.

/** Values that turn a step off (compared case-insensitively, surrounding spaces ignored). */
export const OFF_VALUES: readonly string[] = ['', 'false', '0', 'no', 'off'];

export interface WhenDecision {
  run: boolean;
  /** The `when:` as written. */
  expression: string;
  /** After interpolation. Shown only when the step is skipped: then it is one of OFF_VALUES, never a secret. */
  value: string;
}

// $$ | ${NAME} | ${NAME:-default} | ${NAME-default} | $NAME, as Compose reads them (no nesting).
const REFERENCE = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}$]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Unset variables are empty, so `when: ${ENABLE_TUNNEL}` skips the step until ENABLE_TUNNEL is set.
 * @example evaluateWhen('${ENABLE_TUNNEL}', { ENABLE_TUNNEL: 'Off' }) // { run: false, expression: '${ENABLE_TUNNEL}', value: 'Off' }
 */
export function evaluateWhen(when: string | boolean | undefined, env: Readonly<Record<string, string | undefined>>): WhenDecision {
  if (when === undefined) return { run: true, expression: '', value: '' };
  if (typeof when === 'boolean') return { run: when, expression: String(when), value: String(when) };
  const value = when.replace(REFERENCE, (_all, dollar: string | undefined, braced: string | undefined, op: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    if (dollar) return '$';
    const found = env[(braced ?? bare)!];
    if (op === ':-') return found ? found : fallback ?? '';
    if (op === '-') return found ?? fallback ?? '';
    return found ?? '';
  });
  return { run: !OFF_VALUES.includes(value.trim().toLowerCase()), expression: when, value };
}

/**
 * Why a `when:` cannot be read, or undefined when it can: a `$` must start `$$`, `$NAME`, `${NAME}`,
 * `${NAME:-default}` or `${NAME-default}`.
 * @example findWhenSyntaxError('${A:?x}') // 'cannot read "${A:?x}": use ${VAR}, ${VAR:-default}, $VAR or $$'
 */
export function findWhenSyntaxError(when: string): string | undefined {
  const rest = when.replace(REFERENCE, '');
  if (!rest.includes('$')) return undefined;
  const start = when.indexOf('$', firstUnmatched(when));
  const end = when.indexOf('}', start);
  const bad = end === -1 ? when.slice(start) : when.slice(start, end + 1);
  return `cannot read "${bad}": use \${VAR}, \${VAR:-default}, $VAR or $$`;
}

function firstUnmatched(when: string): number {
  let position = 0;
  for (const match of when.matchAll(REFERENCE)) {
    const before = when.slice(position, match.index);
    if (before.includes('$')) return position + before.indexOf('$');
    position = match.index + match[0].length;
  }
  return position;
}
