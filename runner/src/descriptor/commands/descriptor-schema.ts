// `harbor descriptor schema`: prints (or writes) the JSON Schema of harbor.yaml for editors.
import { isAbsolute, relative } from 'node:path';
import * as v from 'valibot';
import { writeFileAtomic } from '../../shared/atomic-write';
import { defineCommand } from '../../shared/command-spec';
import { buildDescriptorJsonSchema } from '../core/build-descriptor-json-schema';
import { resolveHostPath } from '../../shared/host-path';
import { ACTIONS } from '../../workflow/action-registry';

/** The text of etc/harbor.schema.json: what `npm run schema` writes and a test compares with the shipped file. */
export function renderDescriptorJsonSchema(): string {
  return `${JSON.stringify(buildDescriptorJsonSchema(ACTIONS), null, 2)}\n`;
}

export const descriptorSchemaCommand = defineCommand({
  usage: 'descriptor schema',
  group: 'Deploy',
  summary: "Print the descriptor's JSON Schema (for editor validation and completion of harbor.yaml)",
  options: [{ flags: '-o, --output <file>', description: 'Write it to this file (atomically) instead of stdout' }],
  examples: [
    './harbor.sh descriptor schema --output etc/harbor.schema.json',
    'then start harbor.yaml with: # yaml-language-server: $schema=./harbor.schema.json',
  ],
  schema: v.object({ output: v.optional(v.pipe(v.string(), v.minLength(1))) }),
  async run({ options, deps }) {
    const text = renderDescriptorJsonSchema();
    if (options.output === undefined) {
      deps.out(text);
      return;
    }
    const file = await resolveHostPath(deps, options.output, 'write');
    const rel = relative(deps.home, file);
    await writeFileAtomic(file, text);
    deps.log.success(`wrote ${rel.startsWith('..') || isAbsolute(rel) ? file : rel || file}`);
  },
});
