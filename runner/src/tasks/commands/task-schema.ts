// `harbor task schema`: prints (or writes) the JSON Schema of task.toml for editors.
import * as v from 'valibot';
import { writeFileAtomic } from '../../shared/atomic-write';
import { defineCommand } from '../../shared/command-spec';
import { resolveHostPath } from '../../shared/host-path';
import { buildTaskJsonSchema } from '../core/build-task-json-schema';

/** The text of etc/task-toml.schema.json: a test compares it with the shipped file. */
export function renderTaskJsonSchema(): string {
  return `${JSON.stringify(buildTaskJsonSchema(), null, 2)}\n`;
}

export const taskSchemaCommand = defineCommand({
  usage: 'task schema',
  group: 'Tasks',
  summary: "Print task.toml's JSON Schema (for editor validation and completion)",
  options: [{ flags: '-o, --output <file>', description: 'Write it to this file (atomically) instead of stdout' }],
  examples: ['./harbor.sh task schema --output etc/task-toml.schema.json', 'then start task.toml with: #:schema ../../etc/task-toml.schema.json  (Taplo / Even Better TOML)'],
  schema: v.object({ output: v.optional(v.pipe(v.string(), v.minLength(1))) }),
  async run({ options, deps }) {
    const text = renderTaskJsonSchema();
    if (options.output === undefined) return void deps.out(text);
    await writeFileAtomic(await resolveHostPath(deps, options.output, 'write'), text);
    deps.log.success(`wrote ${options.output}`);
  },
});
