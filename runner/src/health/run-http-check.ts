// Checks that a URL answers the expected status within a timeout, from a throwaway container on the stack network.
import type { Deps } from '../shared/deps';
import { CommandError, UsageError } from '../shared/core/errors';
import { PROBE_SCRIPT } from './http-probe-script';
import { buildHttpProbeArgv, parseHttpProbeAnswer, selectProbeNetwork, type HttpProbeAnswer } from './core/build-http-probe';

export interface HttpCheck {
  project: string;
  url: string;
  status: number;
  timeout: number;
  /** The compose network key (default harbor-network, else default). */
  network?: string | undefined;
  /** Default: the runner image (HARBOR_RUNNER_IMAGE), which has node. */
  image?: string | undefined;
}

/**
 * The runner is a container on its own network, so `localhost:PORT` there is not the host's published port; a probe
 * container on the project's network sees services the way they see each other (`http://hello/`, container ports).
 * Throws CommandError when the URL did not answer the status in time.
 */
export async function runHttpCheck(deps: Deps, check: HttpCheck): Promise<HttpProbeAnswer & { network: string }> {
  const image = check.image ?? deps.env.HARBOR_RUNNER_IMAGE;
  if (!image) throw new UsageError('http.check: no image to run the probe in', { hint: 'run through ./harbor.sh (it sets HARBOR_RUNNER_IMAGE), or give the step an `image:` that has node' });
  const listed = await deps.run(['docker', 'network', 'ls', '--filter', `label=com.docker.compose.project=${check.project}`, '--format', '{{.Name}}\t{{.Label "com.docker.compose.network"}}'], { stdio: 'capture' });
  if (listed.code !== 0) throw new CommandError(`docker network ls failed (exit ${listed.code}): ${listed.stderr.trim()}`, { hint: 'is the Docker engine running?' });
  const networks = listed.stdout.split('\n').filter(Boolean).map((l) => l.split('\t') as [string, string]);
  const network = selectProbeNetwork(networks, check.network);
  if (network === undefined) {
    throw new CommandError(`http.check ${check.url}: ${check.network ? `the project has no network "${check.network}"` : 'no project network to run the check from'}`, {
      hint: networks.length ? `the project's networks: ${networks.map(([n, k]) => k || n).join(', ')} (set network: on the step)` : 'deploy the stack first (harbor deploy)',
    });
  }
  const result = await deps.run(buildHttpProbeArgv({ url: check.url, status: check.status, timeout: check.timeout, network, image }, PROBE_SCRIPT), { stdio: 'capture' });
  const answer = parseHttpProbeAnswer(result.stdout);
  if (answer === undefined) throw new CommandError(`http.check ${check.url}: the probe container failed (exit ${result.code}): ${result.stderr.trim().split('\n').at(-1) ?? ''}`, { hint: `the probe runs node from ${image}; check that the image exists (docker image ls)` });
  if (!answer.ok) {
    const got = answer.status ? `answered ${answer.status}` : `did not answer (${answer.error ?? 'no response'})`;
    throw new CommandError(`http.check ${check.url} ${got}, expected ${check.status} within ${check.timeout}s (${answer.tries} tries, from network ${network})`, {
      code: 'HTTP_CHECK',
      hint: 'service names resolve on the stack network and ports are the container ports (http://hello/, not localhost:PUBLISHED); `harbor logs SERVICE` shows what it says',
    });
  }
  return { ...answer, network };
}
