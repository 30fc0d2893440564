// Reads one compose file name the way the selection rules see it: candidate or not, cross file or not, its tokens.

/** COMPOSE-RULES.md "Inputs": candidates are `compose.<something>.yml`; `compose.yml` itself is the base, not a candidate. */
const CANDIDATE = /^compose\..+\.yml$/;
const PREFIX = 'compose.';
const CROSS_PREFIX = 'compose.x.';
const SUFFIX = '.yml';

export interface ComposeName {
  name: string;
  /** How many `.` the name has: the first sort key (single-service files before cross files). */
  dots: number;
  /** The name between `compose.` and `.yml`: `searxng.morphic` for `compose.searxng.morphic.yml`. */
  inner: string;
  /** A cross file has `.x.` anywhere in its name; it is selected only when all its tokens are. */
  cross: boolean;
  /** Cross files only (else empty): the name without a leading `compose.x.` and the trailing `.yml`, split on `.`. */
  tokens: string[];
}

/**
 * The parts of a candidate name, or undefined for a name that is not a candidate
 * (`compose.yml`, `compose.yaml`, `docker-compose.yml`, `compose..yml`).
 * @example parseComposeName('compose.x.webui.ollama.yml')?.tokens // ['webui', 'ollama']
 */
export function parseComposeName(name: string): ComposeName | undefined {
  if (!CANDIDATE.test(name)) return undefined;
  const cross = name.includes('.x.');
  let dots = 0;
  for (let i = name.indexOf('.'); i !== -1; i = name.indexOf('.', i + 1)) dots++;
  return {
    name,
    dots,
    inner: name.slice(PREFIX.length, -SUFFIX.length),
    cross,
    tokens: cross ? crossTokens(name) : [],
  };
}

/**
 * Strip the prefix, then the suffix, each only when present (as v1 did): `compose.x.yml` gives `['yml']`
 * and a `.x.` file that does not start with `compose.x.` keeps `compose` among its tokens.
 */
function crossTokens(name: string): string[] {
  let rest = name.startsWith(CROSS_PREFIX) ? name.slice(CROSS_PREFIX.length) : name;
  if (rest.endsWith(SUFFIX)) rest = rest.slice(0, -SUFFIX.length);
  return rest.split('.');
}
