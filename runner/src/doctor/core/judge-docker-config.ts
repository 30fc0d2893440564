// Judges the Docker client config the runner sees: which registries it has logins for, and which credential helpers it names that the runner lacks.
import type { DoctorCheck } from './doctor-report';

export interface DockerConfigProbe {
  /** Where the file is on the host (harbor.sh passes HARBOR_HOST_DOCKER_CONFIG), else where the runner read it. */
  path: string;
  /** The file's text; undefined when there is none. */
  text: string | undefined;
  /** `docker-credential-<name>` programs found on the runner's PATH, by <name>. */
  helpersOnPath: readonly string[];
  /**
   * What harbor.sh found when it left the file unmounted because it names credential helpers
   * (HARBOR_HOST_DOCKER_HELPERS: `credsStore=desktop credHelpers`); undefined when it mounted it.
   */
  unmounted?: string | undefined;
}

/** The helpers a config names: `credsStore` for every registry, `credHelpers` per registry. */
export interface CredentialHelperUse {
  helper: string;
  /** 'credsStore' or the registry of a `credHelpers` entry. */
  for: string;
}

const NAME = 'docker config';

/**
 * A helper named in the config but not in the runner is a warning: docker's pull inside the runner fails with
 * `exec: "docker-credential-X": executable file not found` for the registries it serves. Never echoes a credential.
 * @example judgeDockerConfig({ path: '/home/u/.docker/config.json', text: '{"credsStore":"desktop"}', helpersOnPath: [] }).status // 'warn'
 */
export function judgeDockerConfig(probe: DockerConfigProbe): DoctorCheck {
  if (probe.unmounted !== undefined) return judgeUnmounted(probe.path, probe.unmounted);
  if (probe.text === undefined) {
    return { name: NAME, status: 'ok', message: 'no Docker client config (only private registries need one: `docker login` on the host)' };
  }
  let config: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(probe.text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
    config = parsed as Record<string, unknown>;
  } catch (err) {
    return { name: NAME, status: 'warn', message: `${probe.path} is not valid JSON (${(err as Error).message}): docker ignores it with a warning, so pulls that need a login fail`, hint: `fix ${probe.path}, or move it away and \`docker login\` again` };
  }
  const logins = Object.keys(isMap(config.auths) ? config.auths : {}).sort();
  const missing = selectCredentialHelpers(config).filter((use) => !probe.helpersOnPath.includes(use.helper));
  const loginText = logins.length ? `logins for ${logins.join(', ')}` : 'no logins stored in the file';
  if (missing.length === 0) return { name: NAME, status: 'ok', message: `${probe.path} (read-only): ${loginText}` };
  const named = [...new Set(missing.map((m) => m.helper))].map((h) => `docker-credential-${h}`);
  const scope = missing.map((m) => (m.for === 'credsStore' ? 'every registry (credsStore)' : m.for)).join(', ');
  return {
    name: NAME,
    status: 'warn',
    message: `${probe.path} keeps credentials in ${named.join(', ')}, which lives only on the host, not in the runner: pulls that need a login fail for ${scope}`,
    hint: FIX,
  };
}

const FIX =
  'pull those private images on the host first (`docker pull IMAGE`; Harbor then finds them locally), or give Harbor a config that stores the login in the file: DOCKER_CONFIG=~/.docker-harbor docker login REGISTRY on a host without that helper, then run DOCKER_CONFIG=~/.docker-harbor ./harbor.sh … (docs/runner.md)';

/** The shim left the file out: a helper the runner lacks would make every pull fail, public ones too. */
function judgeUnmounted(path: string, found: string): DoctorCheck {
  const named = found
    .split(' ')
    .filter(Boolean)
    .map((word) => (word.startsWith('credsStore=') ? `docker-credential-${word.slice('credsStore='.length)} (credsStore)` : 'the programs of its credHelpers'));
  return {
    name: NAME,
    status: 'warn',
    message: `${path} keeps credentials in ${named.join(' and ')}, which live only on the host: harbor.sh did not mount it (in the runner every pull would fail on the missing helper), so public images pull as before and private ones fail`,
    hint: FIX,
  };
}

/** Every helper the config names, credsStore first, then credHelpers in registry order. */
export function selectCredentialHelpers(config: Record<string, unknown>): CredentialHelperUse[] {
  const uses: CredentialHelperUse[] = [];
  if (typeof config.credsStore === 'string' && config.credsStore !== '') uses.push({ helper: config.credsStore, for: 'credsStore' });
  if (isMap(config.credHelpers)) {
    for (const [registry, helper] of Object.entries(config.credHelpers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (typeof helper === 'string' && helper !== '') uses.push({ helper, for: registry });
    }
  }
  return uses;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
