// Builds what compose actions and the workflow engine receive from a stack (read or prepared).
import type { Deps } from '../shared/deps';
import type { ActionContext } from '../workflow/action';
import type { Stack } from './stack';

export type StageContext = Omit<ActionContext, 'stage' | 'log'>;

export function buildActionContext(deps: Deps, stack: Stack, dryRun = false): StageContext {
  return {
    deps,
    home: stack.project.directory,
    projectName: stack.project.name,
    // Actions see the stack's -f list (prepare's overlay after the selection's files when it applies).
    selection: { ...stack.selection, files: stack.files },
    composeEnv: stack.composeEnv,
    secretValues: stack.secretValues,
    dryRun,
    tunnels: stack.descriptor.tunnels,
  };
}

/** The same, for calling one action directly (classic commands): the stage is the command's name. */
export function buildCommandContext(deps: Deps, stack: Stack, command: string): ActionContext {
  return { ...buildActionContext(deps, stack), stage: command, log: deps.log };
}
