// `harbor build [HANDLE...]`: builds the images of the services named (all buildable ones of the selection without).
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { composeBuildAction } from '../../workflow/actions/compose-build';
import { buildCommandContext } from '../../stack/action-context';
import { commandStep, DRY_RUN_OPTION, printCommandPlan } from './print-command-plan';
import { resolveSource } from '../../stack/resolve-source';
import { readStack } from '../../stack/stack';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../stack/commands/stack-options';

export const buildCommand = defineCommand({
  usage: 'build [...handles]',
  group: 'Stack',
  summary: 'Build the images of the services named (without names: every service with a build: section)',
  options: [
    ...STACK_OPTIONS,
    { flags: '--pull', description: 'Pull newer base images first' },
    { flags: '--no-cache', description: 'Build without the layer cache' },
    DRY_RUN_OPTION,
  ],
  examples: ['./harbor.sh build hello', './harbor.sh build --no-cache', './harbor.sh build --dry-run'],
  schema: v.object({ ...stackOptionEntries, pull: v.optional(v.boolean(), false), cache: v.optional(v.boolean(), true), dryRun: v.optional(v.boolean(), false) }),
  async run({ args, options, deps }) {
    const source = await resolveSource(deps, sourceOptionsOf(options, args));
    const stack = await readStack(deps, source);
    const params = v.parse(composeBuildAction.params, { pull: options.pull, noCache: !options.cache, ...(args.length ? { services: args } : {}) });
    if (options.dryRun) return printCommandPlan(deps, stack, 'build', [commandStep(composeBuildAction, params)]);
    await composeBuildAction.run(params, buildCommandContext(deps, stack, 'build'));
  },
});
