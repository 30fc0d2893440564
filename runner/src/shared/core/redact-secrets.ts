// Replaces every occurrence of a secret value in a text (e.g. `compose config` output) with `[redacted]`.

export const REDACTED = '[redacted]';

/**
 * Besides the raw value, the forms compose writes when it serialises a value are replaced too: `$` doubled
 * (compose escapes it in `config` output) and the JSON/YAML double-quoted escapes (`\"`, `\\`, `\n`).
 * Longer values are replaced first so a secret that contains another is not left half-visible.
 * Empty values are ignored: they reveal nothing and would match everywhere.
 * @example redactSecrets('KEY: s3cret', ['s3cret']) // 'KEY: [redacted]'
 */
export function redactSecrets(text: string, secretValues: Iterable<string>): string {
  const forms = new Set<string>();
  for (const value of secretValues) {
    if (!value) continue;
    forms.add(value);
    forms.add(value.replace(/\$/g, '$$$$'));
    const quoted = JSON.stringify(value).slice(1, -1);
    forms.add(quoted);
    forms.add(quoted.replace(/\$/g, '$$$$'));
  }
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))) {
    out = out.split(form).join(REDACTED);
  }
  return out;
}
