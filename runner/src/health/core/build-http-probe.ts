// Builds the argv of an HTTP check run from a throwaway container on the stack network, and reads its answer.

export interface HttpProbe {
  url: string;
  /** The status that counts as success. */
  status: number;
  /** Seconds to keep trying. */
  timeout: number;
  /** The docker network to join (the project's, e.g. myhome_harbor-network). */
  network: string;
  /** An image with node: the runner image. */
  image: string;
}

export interface HttpProbeAnswer {
  ok: boolean;
  /** The last status seen, 0 when nothing answered. */
  status: number;
  /** The last connection error, when nothing answered. */
  error?: string;
  /** How many requests were made. */
  tries: number;
}

/**
 * @example buildHttpProbeArgv({ url: 'http://hello/', status: 200, timeout: 30, network: 'p_harbor-network', image: 'harbor-runner:2' }, PROBE_SCRIPT).slice(0, 6)
 *   // ['docker', 'run', '--rm', '--network', 'p_harbor-network', '--label']
 */
export function buildHttpProbeArgv(probe: HttpProbe, script: string): string[] {
  return [
    'docker', 'run', '--rm', '--network', probe.network, '--label', 'io.harbor.probe=http.check',
    '--entrypoint', 'node', probe.image, '-e', script, probe.url, String(probe.status), String(probe.timeout),
  ];
}

/** The probe's last stdout line; a container that printed nothing parseable answered nothing. */
export function parseHttpProbeAnswer(stdout: string): HttpProbeAnswer | undefined {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  try {
    const value = JSON.parse(line) as HttpProbeAnswer;
    return typeof value.status === 'number' && typeof value.ok === 'boolean' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The project network to run in: the one named (compose's key, e.g. harbor-network), else harbor-network, else
 * `default`, else the only one. `networks` maps docker network names to their compose keys.
 * @example selectProbeNetwork([['p_default', 'default'], ['p_harbor-network', 'harbor-network']], undefined) // 'p_harbor-network'
 */
export function selectProbeNetwork(networks: ReadonlyArray<readonly [name: string, key: string]>, wanted: string | undefined): string | undefined {
  const byKey = (key: string) => networks.find(([, k]) => k === key)?.[0];
  if (wanted !== undefined) return byKey(wanted) ?? networks.find(([n]) => n === wanted)?.[0];
  return byKey('harbor-network') ?? byKey('default') ?? (networks.length === 1 ? networks[0]![0] : undefined);
}
