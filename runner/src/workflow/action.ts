// The contract between the workflow engine and an action: a validated params schema, a pure plan, and a run.
import type { ConsolaInstance } from 'consola';
import type * as v from 'valibot';
import type { ActionSchema } from '../descriptor/core/action-schema';
import type { ComposeSelection } from '../source/core/compose-files';
import type { Deps } from '../shared/deps';
import type { TunnelsConfig } from '../descriptor/core/tunnels-schema';

/** The compose files (relative to the home, in `-f` order), services, options and capabilities the source stage chose. */
export type SourceSelection = ComposeSelection;

/** What `plan` may look at: plain data only, so planning stays pure and `--dry-run` changes nothing. */
export interface PlanContext {
  /** The Harbor home (absolute; the same path on the host and in the runner). */
  home: string;
  /** The compose project name (descriptor `project`, else the home's sanitised basename). */
  projectName: string;
  selection: SourceSelection;
  /** The stage being run or planned: 'deploy', 'post_deploy', ... */
  stage: string;
  /** The env compose runs with (merged layers and secrets). Values may be secret: never put them on argv or in logs. */
  composeEnv: Readonly<Record<string, string>>;
  dryRun: boolean;
  /** The descriptor's `tunnels:` (net.tunnel.* actions). */
  tunnels?: TunnelsConfig;
}

/** What `run` receives: the plan context plus the adapters. */
export interface ActionContext extends PlanContext {
  deps: Deps;
  /** The secret values of the compose env: masked in any compose output an action streams. */
  secretValues?: readonly string[];
  /** The step's logger (tagged with the step, e.g. `deploy[1]`). */
  log: ConsolaInstance;
}

/** What `--dry-run` prints for a step. */
export interface PlannedStep {
  /** One line: what the step would do. */
  description: string;
  /** The exact external command, when the step runs one (compose actions). */
  argv?: string[];
}

/** What a step that succeeded reports. A step fails by throwing a HarborError (e.g. CommandError with compose's exit code). */
export interface StepResult {
  /** One line for the log and the summary. */
  summary?: string;
  /** URLs worth showing the user (deploy prints them at the end; the shim may open them). */
  urls?: string[];
  /** Structured data for `--json`. Never secret values. */
  data?: unknown;
}

/**
 * One action a descriptor step can name. The step's keys other than action/when/continueOnError/name are its
 * params, validated by `params`: a v.strictObject (so a mistyped key is a descriptor error with a suggestion,
 * and the JSON Schema and docs can list the params) whose keys are not action, name, when or continueOnError.
 */
export interface ActionDefinition<S extends v.GenericSchema = v.GenericSchema> extends ActionSchema<S> {
  /** Pure: what the step would do, for `--dry-run` and the run plan. */
  plan(params: v.InferOutput<S>, ctx: PlanContext): PlannedStep;
  run(params: v.InferOutput<S>, ctx: ActionContext): Promise<StepResult>;
}

/** Keeps the params schema's type attached to plan and run (a plain object literal would widen it). */
export function defineAction<S extends v.GenericSchema>(definition: ActionDefinition<S>): ActionDefinition<S> {
  return definition;
}
