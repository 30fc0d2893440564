// Removes the networks (and, when asked, volumes) still labelled with a compose project after `compose down`.
import type { Deps } from '../shared/deps';
import { CommandError } from '../shared/core/errors';

export interface Leftovers {
  networks: string[];
  volumes: string[];
}

/**
 * `compose down` removes what the current compose model declares; a network or volume declared only by files
 * that are no longer selected (another profile, a removed file) would stay. Compose labels everything it
 * creates with com.docker.compose.project, so the label finds them.
 */
export async function removeProjectLeftovers(deps: Deps, project: string, options: { volumes: boolean }): Promise<Leftovers> {
  const label = `label=com.docker.compose.project=${project}`;
  const networks = await list(deps, ['docker', 'network', 'ls', '--filter', label, '--format', '{{.Name}}']);
  const volumes = options.volumes ? await list(deps, ['docker', 'volume', 'ls', '--filter', label, '--format', '{{.Name}}']) : [];
  if (networks.length) await remove(deps, ['docker', 'network', 'rm', ...networks]);
  if (volumes.length) await remove(deps, ['docker', 'volume', 'rm', ...volumes]);
  return { networks, volumes };
}

async function list(deps: Deps, argv: string[]): Promise<string[]> {
  const r = await deps.run(argv, { stdio: 'capture' });
  if (r.code !== 0) throw new CommandError(`${argv.slice(0, 3).join(' ')} failed (exit ${r.code}): ${r.stderr.trim()}`, { exitCode: r.code });
  return r.stdout.split('\n').map((s) => s.trim()).filter(Boolean).sort();
}

async function remove(deps: Deps, argv: string[]): Promise<void> {
  const r = await deps.run(argv, { stdio: 'capture' });
  if (r.code !== 0) {
    throw new CommandError(`${argv.slice(0, 3).join(' ')} failed (exit ${r.code}): ${r.stderr.trim()}`, {
      exitCode: r.code,
      hint: 'a container outside this project may still use it: `docker ps -a --filter network=<name>` shows which',
    });
  }
}
