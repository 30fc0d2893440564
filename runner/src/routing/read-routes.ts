// The routed URLs the last prepare generated (the routing overlay's x-harbor-routes), or none.
import { parse } from 'yaml';
import { ROUTES_KEY } from './core/build-routing-overlay';
import { readRoutingOverlayText } from './write-routing-overlay';

/** Service → routed URL; {} when no routing overlay is on disk (prepare removes it when routing no longer applies). */
export async function readRoutes(home: string): Promise<Record<string, string>> {
  const text = await readRoutingOverlayText(home);
  if (text === undefined) return {};
  const routes = (parse(text) as Record<string, unknown> | null)?.[ROUTES_KEY];
  if (routes === null || typeof routes !== 'object') return {};
  return Object.fromEntries(Object.entries(routes).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
