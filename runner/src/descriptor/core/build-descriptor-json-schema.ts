// Builds the JSON Schema editors use to check harbor.yaml: generated from the valibot schema and the action registry.
import { toJsonSchema, type JsonSchema } from '@valibot/to-json-schema';
import type { ActionSchema } from './action-schema';
import { DescriptorSchema, StageSchema, STEP_KEYS, StepSchema } from './descriptor-schema';

const OPTIONS = { typeMode: 'input', errorMode: 'ignore' } as const;

/**
 * Steps get one `if action is X then params of X` rule per action, so an editor flags a mistyped parameter
 * on the line it is on (an anyOf over actions would only say "no alternative matched").
 * @example buildDescriptorJsonSchema(ACTIONS).$defs.Step.properties.action.enum // ['log.info', 'compose.up', ...]
 */
export function buildDescriptorJsonSchema(actions: readonly ActionSchema[]): JsonSchema {
  const generated = toJsonSchema(DescriptorSchema, { ...OPTIONS, definitions: { Step: StepSchema, Stage: StageSchema } });
  const { $schema, ...body } = generated as JsonSchema & { $defs?: Record<string, JsonSchema> };
  const step = body.$defs!.Step as JsonSchema & { properties: Record<string, JsonSchema> };
  return {
    $schema,
    $id: 'https://harbor.dev/schemas/harbor.schema.json',
    title: 'Harbor descriptor (etc/harbor.yaml, stacks/<stack>/harbor.yaml)',
    description: 'Generated from the runner\'s valibot schema by `npm run schema`; do not edit by hand.',
    ...body,
    // Top-level `x-*` keys hold YAML anchors, as in compose files.
    patternProperties: { '^x-': {} },
    $defs: { ...body.$defs, Step: buildStepSchema(step, actions) },
  } as JsonSchema;
}

function buildStepSchema(step: JsonSchema & { properties: Record<string, JsonSchema> }, actions: readonly ActionSchema[]): JsonSchema {
  const ownKeys = Object.fromEntries(STEP_KEYS.map((key) => [key, true]));
  return {
    ...step,
    properties: { ...step.properties, action: { ...(step.properties.action as object), enum: actions.map((a) => a.name) } },
    allOf: actions.map((action) => {
      const params = toJsonSchema(action.params, OPTIONS) as JsonSchema & { properties?: Record<string, JsonSchema>; required?: string[] };
      return {
        if: { properties: { action: { const: action.name } }, required: ['action'] },
        then: {
          description: action.summary,
          properties: { ...ownKeys, ...params.properties },
          ...(params.required?.length ? { required: params.required } : {}),
          additionalProperties: false,
        },
      };
    }),
  } as JsonSchema;
}
