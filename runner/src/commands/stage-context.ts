// Builds what the workflow engine needs to run or plan a stage: the source selection, project and env.
import type { Deps } from '../deps';
import type { ActionContext } from '../workflow/action';
import { resolveSource, type ResolvedSource, type SourceOptions } from './resolve-source';

export interface StageContext {
  source: ResolvedSource;
  /** Pass to runStage/planStage. */
  ctx: Omit<ActionContext, 'stage' | 'log'>;
  /** What `when:` sees: the runner's environment, overridden by the compose env (as compose's own process sees it). */
  whenEnv: Readonly<Record<string, string | undefined>>;
}

export interface StageContextOptions extends SourceOptions {
  dryRun: boolean;
  /** The merged env layers and secrets for compose (from prepare); none yet means compose sees the runner env only. */
  composeEnv?: Readonly<Record<string, string>>;
}

/** Runs the source stage (descriptor, compose dir, capabilities) and assembles the engine's context. */
export async function loadStageContext(deps: Deps, options: StageContextOptions): Promise<StageContext> {
  const source = await resolveSource(deps, options);
  const composeEnv = options.composeEnv ?? {};
  return {
    source,
    ctx: { deps, home: deps.home, projectName: source.project.name, selection: source.selection, composeEnv, dryRun: options.dryRun },
    whenEnv: { ...deps.env, ...composeEnv },
  };
}
