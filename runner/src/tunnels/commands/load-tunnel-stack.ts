// Builds what tunnel commands need (project, files, env, services, `tunnels:`) from the command's stack options.
import type { Deps } from '../../shared/deps';
import { resolveSource } from '../../stack/resolve-source';
import { readStack } from '../../stack/stack';
import { sourceOptionsOf, type StackOptionValues } from '../../stack/commands/stack-options';
import type { TunnelStack } from '../start-quick-tunnel';

export async function loadTunnelStack(deps: Deps, options: StackOptionValues, handles: readonly string[]): Promise<TunnelStack> {
  const stack = await readStack(deps, await resolveSource(deps, sourceOptionsOf(options, handles)));
  return {
    project: stack.project,
    files: stack.files,
    composeEnv: stack.composeEnv,
    secretValues: stack.secretValues,
    services: stack.selection.services,
    config: stack.descriptor.tunnels,
  };
}
