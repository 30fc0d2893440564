// `harbor tunnel SERVICE` and `net.tunnel.quick`: start (or find) the quick tunnel to a service and get its public URL.
import type { ComposeProject } from '../compose/core/compose-argv';
import type { Deps } from '../shared/deps';
import { CommandError } from '../shared/core/errors';
import { planQuickTunnel } from './core/plan-tunnel-container';
import { selectTunnelTarget } from './core/select-tunnel-target';
import { DEFAULT_CLOUDFLARED_IMAGE, type TunnelsConfig } from '../descriptor/core/tunnels-schema';
import { findTunnels, readQuickTunnelUrl, removeTunnels, waitForTunnel } from './docker-tunnels';
import { readComposeConfigJson } from '../compose/read-compose-config';
import type { ComposeModelForTunnels } from './core/select-tunnel-target';

/** What tunnels need of a stack: where compose runs, its files and env, and the descriptor's `tunnels:`. */
export interface TunnelStack {
  project: ComposeProject;
  files: readonly string[];
  composeEnv: Readonly<Record<string, string>>;
  secretValues: readonly string[];
  /** The selected services. */
  services: readonly string[];
  config: TunnelsConfig;
}

export interface QuickTunnel {
  service: string;
  url: string;
  container: string;
  /** The tunnel was already running: nothing was started. */
  reused: boolean;
}

/** HARBOR_CLOUDFLARED_IMAGE, else the descriptor's `tunnels.image`, else the pinned default. */
export function cloudflaredImage(deps: Deps, config: TunnelsConfig): string {
  return deps.env.HARBOR_CLOUDFLARED_IMAGE || config.image || DEFAULT_CLOUDFLARED_IMAGE;
}

/**
 * Idempotent: a running tunnel to the service is reused (its URL read again), a stopped one is replaced.
 * The target (address, container port, network) comes from compose's model, never from port strings.
 */
export async function startQuickTunnel(deps: Deps, stack: TunnelStack, service: string, options: { port?: number; timeout?: number } = {}): Promise<QuickTunnel> {
  const log = deps.log.withTag('tunnel');
  const model = JSON.parse(await readComposeConfigJson(deps, { project: stack.project, files: stack.files, env: stack.composeEnv, secretValues: stack.secretValues })) as ComposeModelForTunnels;
  const target = selectTunnelTarget(model, service, options.port);
  const timeout = options.timeout ?? stack.config.timeout;

  const existing = await findTunnels(deps, stack.project.name, 'quick', service);
  const running = existing.find((t) => t.running);
  if (running && (options.port === undefined || running.target === target.url)) {
    const url = (await readQuickTunnelUrl(deps, running.name)) ?? (await waitForTunnel(deps, { name: running.name, network: target.network, timeout, quick: true }));
    if (url) return { service, url, container: running.name, reused: true };
  }
  await removeTunnels(deps, existing);

  const plan = planQuickTunnel(stack.project.name, target, cloudflaredImage(deps, stack.config));
  log.info(`starting a quick tunnel to ${target.url} on ${target.network} (${plan.name})`);
  const started = await deps.run(plan.argv, { stdio: 'capture' });
  if (started.code !== 0) {
    // docker run can fail after creating the container (a missing network fails at start): leave nothing behind.
    await deps.run(['docker', 'rm', '-f', plan.name], { stdio: 'capture' });
    throw startError(started.stderr, target.network, service);
  }
  const url = await waitForTunnel(deps, { name: plan.name, network: target.network, timeout, quick: true });
  if (!url) throw new CommandError(`${plan.name}: cloudflared is running but printed no trycloudflare.com URL`, { hint: 'harbor tunnel ls shows it; harbor tunnel stop removes it' });
  return { service, url, container: plan.name, reused: false };
}

/** docker's own message, with the cause Harbor knows: a missing network means the stack is not up. */
export function startError(stderr: string, network: string, service: string): CommandError {
  // docker prints "docker: Error response from daemon: …" then "Run 'docker run --help' for more information".
  const message = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith("Run 'docker")).join(' ').replace(/^docker: /, '');
  if (/network .* not found/i.test(message)) {
    return new CommandError(`cannot start cloudflared: network ${network} does not exist (${message})`, {
      hint: `the stack is not running: start it first (harbor up ${service}), then harbor tunnel ${service}`,
    });
  }
  if (/No such image|pull access denied|manifest unknown|not found: manifest|failed to resolve reference/i.test(message)) {
    return new CommandError(`cannot start cloudflared: ${message}`, {
      hint: 'on a host without registry access, load the image first (docker load), or set tunnels.image / HARBOR_CLOUDFLARED_IMAGE',
    });
  }
  return new CommandError(`cannot start cloudflared: ${message}`);
}
