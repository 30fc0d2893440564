// Renders a descriptor path the way messages show it: `deploy.steps[1].action`.
import type { PathKey } from './yaml-source';

/** @example renderPath(['deploy', 'steps', 1, 'action']) // 'deploy.steps[1].action' */
export function renderPath(path: readonly PathKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');
}
