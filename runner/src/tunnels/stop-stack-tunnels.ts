// Before `compose down`: remove the stack's tunnels (all, or those to the services being taken down).
import type { Deps } from '../shared/deps';
import { findTunnels, removeTunnels } from './docker-tunnels';

export async function stopStackTunnels(deps: Deps, project: string, services?: readonly string[]): Promise<void> {
  const all = await findTunnels(deps, project);
  const chosen = services ? all.filter((t) => t.kind === 'quick' && services.includes(t.service)) : all;
  if (chosen.length === 0) return;
  await removeTunnels(deps, chosen);
  deps.log.withTag('tunnel').info(`stopped ${chosen.map((t) => t.name).join(', ')} before compose down`);
}
