// Prints the stack's published URLs (after up and deploy): aligned `service  url` lines on stdout.
import type { ServiceUrl } from '../core/service-url';
import type { Deps } from '../../shared/deps';

export function printUrls(deps: Deps, urls: readonly ServiceUrl[]): void {
  if (urls.length === 0) {
    deps.log.info('no service publishes a port on the host');
    return;
  }
  const width = Math.max(...urls.map((u) => u.service.length));
  // A routed service shows its Traefik URL after the published one (once when it is the only one).
  for (const u of urls) deps.out(`${u.service.padEnd(width)}  ${u.url}${u.routed !== undefined && u.routed !== u.url ? `  ${u.routed}` : ''}\n`);
}
