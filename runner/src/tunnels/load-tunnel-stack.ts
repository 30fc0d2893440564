// Builds what tunnel commands need (project, files, env, services, `tunnels:`) from the command's stack options.
import { resolveSource } from '../commands/resolve-source';
import { readStackEnv } from '../commands/stack-env';
import { sourceOptionsOf, type StackOptionValues } from '../commands/stack-options';
import type { Deps } from '../deps';
import type { TunnelStack } from './start-quick-tunnel';

export async function loadTunnelStack(deps: Deps, options: StackOptionValues, handles: readonly string[]): Promise<TunnelStack> {
  const source = await resolveSource(deps, sourceOptionsOf(options, handles));
  const env = await readStackEnv(deps, source);
  return {
    project: source.project,
    files: env.files ?? source.selection.files,
    composeEnv: env.composeEnv,
    secretValues: env.secretValues,
    services: source.selection.services,
    config: source.descriptor.tunnels,
  };
}
