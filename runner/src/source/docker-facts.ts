// Asks the engine what capability detection needs: the compose version and the docker runtimes (each asked once).
import type { Deps } from '../shared/deps';

export interface DockerFacts {
  /** `docker compose version --short`, or undefined when it could not be read. */
  composeVersion: string | undefined;
  /** Names of the engine's runtimes (`runc`, `nvidia`, ...); empty when unknown. */
  runtimes: string[];
  /** What could not be read, for a debug/warn log: detection then assumes "absent". */
  warnings: string[];
}

export async function readDockerFacts(deps: Deps): Promise<DockerFacts> {
  const warnings: string[] = [];
  const [version, info] = await Promise.all([
    capture(deps, ['docker', 'compose', 'version', '--short']),
    capture(deps, ['docker', 'info', '--format', '{{json .Runtimes}}']),
  ]);
  const composeVersion = version.ok ? version.stdout.trim() || undefined : undefined;
  if (!version.ok) warnings.push(`could not read the compose version (${version.error}): mdc is not detected`);
  let runtimes: string[] = [];
  if (info.ok) {
    try {
      const parsed: unknown = JSON.parse(info.stdout);
      if (parsed && typeof parsed === 'object') runtimes = Object.keys(parsed).sort();
    } catch {
      warnings.push('docker info printed runtimes that are not JSON: the nvidia runtime is not detected');
    }
  } else warnings.push(`could not read the docker runtimes (${info.error}): the nvidia runtime is not detected`);
  return { composeVersion, runtimes, warnings };
}

async function capture(deps: Deps, argv: string[]): Promise<{ ok: true; stdout: string } | { ok: false; error: string }> {
  try {
    const r = await deps.run(argv, { stdio: 'capture' });
    return r.code === 0 ? { ok: true, stdout: r.stdout } : { ok: false, error: r.stderr.trim().split('\n')[0] || `exit ${r.code}` };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}
