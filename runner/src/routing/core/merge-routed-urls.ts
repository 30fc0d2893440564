// Puts each routed service's Traefik URL next to its published one, for deploy's and up's URL list.
import { compareCodePoints } from '../../shared/core/compare-code-points';
import type { ServiceUrl } from '../../compose/core/service-url';

/**
 * A service both published and routed keeps its published `url` and gains `routed`; a routed service that
 * publishes no port is listed with its routed URL as `url`.
 * @example mergeRoutedUrls([{ service: 'hello', url: 'http://localhost:34101' }], { hello: 'http://hello.lan' })
 *   // [{ service: 'hello', url: 'http://localhost:34101', routed: 'http://hello.lan' }]
 */
export function mergeRoutedUrls(urls: readonly ServiceUrl[], routes: Readonly<Record<string, string>>): ServiceUrl[] {
  const merged = urls.map((u) => (routes[u.service] !== undefined ? { ...u, routed: routes[u.service]! } : { ...u }));
  for (const [service, url] of Object.entries(routes)) {
    if (!merged.some((u) => u.service === service)) merged.push({ service, url, routed: url });
  }
  return merged.sort((a, b) => compareCodePoints(a.service, b.service));
}
