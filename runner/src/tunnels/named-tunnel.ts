// The named tunnel (`harbor tunnel named up|down`, net.tunnel.named.*): cloudflared run with the account's token.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../shared/atomic-write';
import type { Deps } from '../shared/deps';
import { HarborError, SecretError } from '../shared/core/errors';
import { planNamedTunnel, TOKEN_DIR } from './core/plan-tunnel-container';
import { INGRESS_FILE, renderIngress, type RenderedIngress } from './core/render-ingress';
import { buildTarOneFile } from './core/tar-one-file';
import { DEFAULT_TOKEN_NAME } from '../descriptor/core/tunnels-schema';
import { findTunnels, removeTunnels, waitForTunnel } from './docker-tunnels';
import { readComposeConfigJson } from '../compose/read-compose-config';
import type { ComposeModelForTunnels } from './core/select-tunnel-target';
import { cloudflaredImage, startError, type TunnelStack } from './start-quick-tunnel';

/** cloudflared's image runs as the distroless `nonroot` user. */
const CLOUDFLARED_UID = 65532;

/**
 * Renders var/run/tunnels/ingress.yml from `tunnels.named.ingress` and the compose model (prepare calls this
 * too, so `harbor plan` and a deploy keep it current). Written only when its text changed.
 */
export async function writeTunnelIngress(deps: Deps, stack: TunnelStack): Promise<RenderedIngress | undefined> {
  const named = stack.config.named;
  if (!named) return undefined;
  const model = JSON.parse(await readComposeConfigJson(deps, { project: stack.project, files: stack.files, env: stack.composeEnv, secretValues: stack.secretValues })) as ComposeModelForTunnels;
  const rendered = renderIngress(named.ingress, model, stack.services);
  const file = join(deps.home, INGRESS_FILE);
  const current = await readFile(file, 'utf8').catch(() => undefined);
  if (current !== rendered.yaml) await writeFileAtomic(file, rendered.yaml);
  return rendered;
}

export interface NamedTunnel {
  container: string;
  hostnames: string[];
  reused: boolean;
}

/**
 * The token is taken from the merged env (a secrets layer: a sops file is recommended) and copied into the
 * container as a 0400 file before cloudflared starts: it is never on argv, in env, in a label, or on the host.
 */
export async function startNamedTunnel(deps: Deps, stack: TunnelStack, options: { timeout?: number } = {}): Promise<NamedTunnel> {
  const log = deps.log.withTag('tunnel');
  const named = stack.config.named;
  if (!named) {
    throw new HarborError('no named tunnel is configured (tunnels.named in etc/harbor.yaml)', {
      code: 'TUNNEL_CONFIG',
      hint: "add tunnels: { named: { ingress: [{ hostname: 'app.example.com', service: 'hello' }] } } and the token (docs/Harbor-Tunnels.md)",
    });
  }
  const tokenName = named.token ?? DEFAULT_TOKEN_NAME;
  const token = stack.composeEnv[tokenName];
  if (token === undefined || token.trim() === '') {
    throw new SecretError(`the named tunnel's token ${tokenName} is not set in any env layer`, {
      hint: `put it in a sops file of the secrets layer: ./harbor.sh secrets set secrets.sops.env ${tokenName}, the value on stdin (docs/Harbor-Tunnels.md)`,
    });
  }
  if (!/^[\x21-\x7e]+$/.test(token.trim())) throw new SecretError(`${tokenName} does not look like a tunnel token (it has spaces or non-ASCII characters)`);
  if (!stack.secretValues.includes(token)) log.warn(`${tokenName} comes from a plaintext env layer: keep tunnel tokens in a sops file (harbor secrets set)`);

  const rendered = (await writeTunnelIngress(deps, stack))!;
  const hostnames = named.ingress.map((r) => r.hostname);
  const existing = await findTunnels(deps, stack.project.name, 'named');
  const running = existing.find((t) => t.running);
  if (running) return { container: running.name, hostnames, reused: true };
  await removeTunnels(deps, existing);

  const plan = planNamedTunnel(stack.project.name, rendered.network, cloudflaredImage(deps, stack.config), join(deps.home, INGRESS_FILE));
  const created = await deps.run(plan.argv, { stdio: 'capture' });
  if (created.code !== 0) throw startError(created.stderr, rendered.network, named.ingress[0]!.service);
  try {
    const tar = buildTarOneFile({ dir: TOKEN_DIR, name: 'tunnel-token', content: new TextEncoder().encode(token.trim()), uid: CLOUDFLARED_UID, gid: CLOUDFLARED_UID, mode: 0o400 });
    // Every byte of the archive is ASCII (headers, octal fields, the checked token), so it passes as text on stdin.
    const copied = await deps.run(['docker', 'cp', '-', `${plan.name}:/`], { stdio: 'capture', input: new TextDecoder().decode(tar) });
    if (copied.code !== 0) throw new HarborError(`cannot copy the token into ${plan.name}: ${copied.stderr.trim()}`);
    const started = await deps.run(['docker', 'start', plan.name], { stdio: 'capture' });
    if (started.code !== 0) throw new HarborError(`cannot start ${plan.name}: ${started.stderr.trim()}`);
  } catch (err) {
    await deps.run(['docker', 'rm', '-f', plan.name], { stdio: 'capture' });
    throw err;
  }
  log.info(`named tunnel ${plan.name} started on ${rendered.network}: ${hostnames.join(', ')}`);
  await waitForTunnel(deps, { name: plan.name, network: rendered.network, timeout: options.timeout ?? stack.config.timeout, quick: false });
  return { container: plan.name, hostnames, reused: false };
}

export async function stopNamedTunnel(deps: Deps, project: string): Promise<string[]> {
  const existing = await findTunnels(deps, project, 'named');
  await removeTunnels(deps, existing);
  return existing.map((t) => t.name);
}
