// What the descriptor needs to know of an action a step names: its name, summary and params schema (the workflow's actions are these).
import type * as v from 'valibot';

/**
 * The descriptor checks steps (and builds its JSON Schema) against a list of these; the workflow's
 * ActionDefinition extends it with plan and run, so the descriptor never imports the workflow.
 * @example const actions: readonly ActionSchema[] = [{ name: 'log.info', summary: 'Prints a message', params: v.strictObject({ message: v.string() }) }]
 */
export interface ActionSchema<S extends v.GenericSchema = v.GenericSchema> {
  /** Dotted name used in descriptors: 'compose.up', 'log.info'. */
  name: string;
  /** One line for docs and `--help`. */
  summary: string;
  /**
   * The step's keys other than action/when/continueOnError/name, validated: a v.strictObject (so a mistyped key is
   * a descriptor error with a suggestion, and the JSON Schema and docs can list the params).
   */
  params: S;
}
