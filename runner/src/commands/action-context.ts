// Builds what compose actions and the workflow engine receive from a resolved source and its env (read or prepared).
import type { Deps } from '../deps';
import type { ActionContext } from '../workflow/action';
import type { ResolvedSource } from './resolve-source';
import type { StackEnv } from './stack-env';

export type StageContext = Omit<ActionContext, 'stage' | 'log'>;

export function buildActionContext(deps: Deps, source: ResolvedSource, env: StackEnv, dryRun = false): StageContext {
  return {
    deps,
    home: source.project.directory,
    projectName: source.project.name,
    // The stack env knows the files: prepare's overlay follows the selection's when it applies.
    selection: env.files === undefined ? source.selection : { ...source.selection, files: env.files },
    composeEnv: env.composeEnv,
    secretValues: env.secretValues,
    dryRun,
    tunnels: source.descriptor.tunnels,
  };
}

/** The same, for calling one action directly (classic commands): the stage is the command's name. */
export function buildCommandContext(deps: Deps, source: ResolvedSource, env: StackEnv, command: string): ActionContext {
  return { ...buildActionContext(deps, source, env), stage: command, log: deps.log };
}
