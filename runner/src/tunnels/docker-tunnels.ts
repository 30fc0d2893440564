// Finds, starts and removes Harbor's cloudflared containers through the docker CLI, and reads their public URL.
import type { Deps } from '../shared/deps';
import { CommandError, HarborError } from '../shared/core/errors';
import { type TunnelContainer, parseTunnelContainers } from './core/list-tunnels';
import { lastLogLines, parseQuickTunnelHostname, parseQuickTunnelLog } from './core/quick-tunnel-url';
import { METRICS_PORT, type TunnelKind, tunnelFilters } from './core/tunnel-labels';

/** Every Harbor tunnel of the project (running or not), optionally of one kind or for one service. */
export async function findTunnels(deps: Deps, project: string, kind?: TunnelKind, service?: string): Promise<TunnelContainer[]> {
  const r = await docker(deps, ['ps', '-a', '--no-trunc', ...tunnelFilters(project, kind, service), '--format', '{{json .}}']);
  return parseTunnelContainers(r.stdout);
}

/** `docker rm -f` of the given tunnels (quick tunnels hold no state worth keeping). */
export async function removeTunnels(deps: Deps, tunnels: readonly TunnelContainer[]): Promise<void> {
  if (tunnels.length === 0) return;
  await docker(deps, ['rm', '-f', ...tunnels.map((t) => t.name)]);
}

/** cloudflared logs to stderr; `docker logs` replays both streams. */
export async function readTunnelLog(deps: Deps, name: string): Promise<string> {
  const r = await deps.run(['docker', 'logs', name], { stdio: 'capture' });
  return `${r.stdout}${r.stderr}`;
}

/** A running quick tunnel's URL from its log (what `tunnel ls` shows: no extra container per row). */
export async function readQuickTunnelUrl(deps: Deps, name: string): Promise<string | undefined> {
  return parseQuickTunnelLog(await readTunnelLog(deps, name));
}

export interface WaitOptions {
  name: string;
  network: string;
  /** Seconds. */
  timeout: number;
  /** Quick tunnels wait for their hostname too; a named tunnel only for /ready. */
  quick: boolean;
}

/**
 * Waits until cloudflared has its public URL and a connection to the edge: asks its metrics server
 * (`/quicktunnel`, `/ready` on the fixed --metrics port) from a one-off container of the runner image on
 * the tunnel's network (the runner itself is not on that network). Without the runner image's name
 * (HARBOR_RUNNER_IMAGE, set by harbor.sh), or when that probe cannot run, the log line is read instead.
 * On timeout, or when cloudflared exits, the container is removed and its last log lines are the error.
 */
export async function waitForTunnel(deps: Deps, options: WaitOptions): Promise<string | undefined> {
  const image = deps.env.HARBOR_RUNNER_IMAGE;
  let url: string | undefined;
  if (image) {
    const probe = await deps.run(
      ['docker', 'run', '--rm', '--network', options.network, '--entrypoint', 'node', image, '-e', PROBE, `http://${options.name}:${METRICS_PORT}`, String(options.timeout * 1000), options.quick ? '1' : '0'],
      { stdio: 'capture' },
    );
    if (probe.code === 0) return options.quick ? parseQuickTunnelHostname(probe.stdout) : undefined;
    deps.log.debug(`tunnel: metrics probe exit ${probe.code}: ${probe.stderr.trim()}`);
    // 3: timed out, 4: cloudflared's container left the network (it stopped); else the probe itself could not run.
    if (probe.code !== 3 && probe.code !== 4) url = await pollLog(deps, options);
  } else {
    url = await pollLog(deps, options);
  }
  if (url || (!options.quick && (await isRunning(deps, options.name)))) return url;
  const log = await readTunnelLog(deps, options.name);
  const running = await isRunning(deps, options.name);
  await deps.run(['docker', 'rm', '-f', options.name], { stdio: 'capture' });
  throw new HarborError(
    running
      ? `${options.name}: cloudflared gave no ${options.quick ? 'public URL' : 'connection'} within ${options.timeout}s; the container was removed. Its last lines:\n${lastLogLines(log)}`
      : `${options.name}: cloudflared stopped before it was ready; the container was removed. Its last lines:\n${lastLogLines(log)}`,
    { code: 'TUNNEL_TIMEOUT', hint: 'check that this host reaches Cloudflare (a quick tunnel needs outbound HTTPS), or give it more time: --timeout SECONDS' },
  );
}

async function pollLog(deps: Deps, options: WaitOptions): Promise<string | undefined> {
  const deadline = Date.now() + options.timeout * 1000;
  for (;;) {
    const log = await readTunnelLog(deps, options.name);
    const url = parseQuickTunnelLog(log);
    if (url && (!options.quick || /Registered tunnel connection/.test(log))) return url;
    if (!(await isRunning(deps, options.name)) || Date.now() > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function isRunning(deps: Deps, name: string): Promise<boolean> {
  const r = await deps.run(['docker', 'inspect', '-f', '{{.State.Running}}', name], { stdio: 'capture' });
  return r.code === 0 && r.stdout.trim() === 'true';
}

async function docker(deps: Deps, args: string[]) {
  const r = await deps.run(['docker', ...args], { stdio: 'capture' });
  if (r.code !== 0) throw new CommandError(`docker ${args[0]} failed (exit ${r.code}): ${r.stderr.trim()}`, { exitCode: r.code });
  return r;
}

/**
 * Runs in the probe container (node -e): polls the metrics server until /ready answers 200 (and, for a quick
 * tunnel, /quicktunnel names a hostname), printing /quicktunnel's body; exit 3 on timeout, 4 when the
 * tunnel's container is gone.
 */
const PROBE = `
const [base, ms, quick] = process.argv.slice(1);
const deadline = Date.now() + Number(ms);
const sleep = (t) => new Promise((r) => setTimeout(r, t));
(async () => {
  let body = '';
  let gone = 0;
  for (;;) {
    try {
      if (quick === '1' && !/"hostname":"[^"]/.test(body)) body = await (await fetch(base + '/quicktunnel')).text();
      if (quick !== '1' || /"hostname":"[^"]/.test(body)) {
        const ready = await fetch(base + '/ready');
        if (ready.status === 200) { process.stdout.write(body); return; }
      }
      gone = 0;
    } catch (err) {
      // A stopped container's name stops resolving: give up after 2 s of that rather than wait for the timeout.
      const code = err && err.cause && err.cause.code;
      gone = code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? gone + 1 : 0;
      if (gone >= 8) { process.exitCode = 4; return; }
    }
    if (Date.now() > deadline) { process.exitCode = 3; return; }
    await sleep(250);
  }
})();
`;
