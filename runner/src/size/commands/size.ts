// `harbor size [--json]`: what the stack uses on disk, per service and in total (shared layers, volumes, folders once).
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { resolveSource } from '../../stack/resolve-source';
import { readStack } from '../../stack/stack';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../stack/commands/stack-options';
import { renderSizeReport } from '../core/build-size-report';
import { readStackSize } from '../read-stack-size';

export const sizeCommand = defineCommand({
  usage: 'size [...handles]',
  group: 'Inspect',
  summary: "Disk used by the stack per service and in total: images (shared layers once), writable layers, volumes, bind-mounted folders, var/",
  options: [...STACK_OPTIONS, { flags: '--json', description: 'Print {"services": [...], "totals": {...}} in bytes' }],
  examples: ['./harbor.sh size', './harbor.sh size --json | jq .totals.total', './harbor.sh size --profile llm'],
  schema: v.object({ ...stackOptionEntries, json: v.optional(v.boolean(), false) }),
  async run({ args, options, deps }) {
    const source = await resolveSource(deps, sourceOptionsOf(options, args));
    // An env file that cannot be read must not keep a user from seeing what the stack takes.
    const stack = await readStack(deps, source, { tolerant: true });
    const report = await readStackSize(deps, { project: source.project, files: stack.files, env: stack.composeEnv, secretValues: stack.secretValues });
    deps.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderSizeReport(report));
  },
});
