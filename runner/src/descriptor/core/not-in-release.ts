// Engines and actions the brief names that this release does not have, each with what to use instead.

/** Template engines by name → what to write instead. */
export const ENGINES_NOT_IN_RELEASE: Readonly<Record<string, string>> = {
  handlebars: 'use "liquid": {{ name }} prints a value as in Handlebars, and {% if %} / {% for %} stand in for {{#if}} / {{#each}}',
  eta: 'use "liquid" ({{ name }}, {% if %}, {% for %}) or "envsubst" (${NAME})',
  mustache: 'use "liquid": {{ name }} prints a value as in Mustache, and {% if %} / {% for %} stand in for sections',
};

/** Step actions by name → what to write instead. Only consulted for a name the registry does not have. */
export const ACTIONS_NOT_IN_RELEASE: Readonly<Record<string, string>> = {
  'net.tunnel.quick': "run cloudflared as a compose service of the stack instead (v1's compose.cfd.yml: `harbor up cfd`, its URL in `harbor logs cfd`)",
  'net.tunnel.stop': 'stop the tunnel service with { action: compose.down, services: [cfd] }',
  logs: 'use compose.logs',
  'env.merge': 'leave it out: prepare merges the env layers of prepare.env.sources before every deploy',
  'svc.cmd': 'use compose.exec (a command in a running service) or compose.run (a one-off container)',
};

/**
 * `"handlebars" is not in this release: use "liquid" ...`, or undefined for a name that is simply wrong.
 * @example describeNotInRelease('engine', 'handlebars')
 */
export function describeNotInRelease(kind: 'engine' | 'action', name: string): string | undefined {
  const table = kind === 'engine' ? ENGINES_NOT_IN_RELEASE : ACTIONS_NOT_IN_RELEASE;
  const instead = Object.hasOwn(table, name) ? table[name] : undefined;
  return instead === undefined ? undefined : `${kind} "${name}" is not in this release: ${instead}`;
}
