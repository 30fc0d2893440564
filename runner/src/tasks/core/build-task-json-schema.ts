// Builds the JSON Schema editors use to check task.toml (Taplo / Even Better TOML), from the valibot schema.
import { toJsonSchema, type JsonSchema } from '@valibot/to-json-schema';
import { TaskTomlSchema } from './task-toml-schema';

/** @example buildTaskJsonSchema().properties.verifier // { type: 'object', properties: { timeout_sec: ... } } */
export function buildTaskJsonSchema(): JsonSchema {
  const generated = toJsonSchema(TaskTomlSchema, { typeMode: 'input', errorMode: 'ignore' });
  const { $schema, ...body } = generated;
  return {
    $schema,
    $id: 'https://harbor.dev/schemas/task-toml.schema.json',
    title: 'Harbor-format task (task.toml), schema versions 1.0 to 1.4',
    description: 'Generated from the runner\'s valibot schema by `harbor task schema`; do not edit by hand. Unknown keys are allowed (the framework ignores them; `harbor task check` warns).',
    ...body,
  } as JsonSchema;
}
