// What tunnel actions need, from the context every action gets.
import type { ActionContext } from '../../workflow/action';
import type { TunnelStack } from '../../tunnels/start-quick-tunnel';

export function tunnelStackOf(ctx: ActionContext): TunnelStack {
  return {
    project: { name: ctx.projectName, directory: ctx.home },
    files: ctx.selection.files,
    composeEnv: ctx.composeEnv,
    secretValues: ctx.secretValues ?? [],
    services: ctx.selection.services,
    config: ctx.tunnels ?? { timeout: 60 },
  };
}
