// `harbor pull [HANDLE...]`: pulls the images of the default services plus the ones named.
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { composePullAction } from '../../workflow/actions/compose-pull';
import { buildCommandContext } from '../../stack/action-context';
import { commandStep, DRY_RUN_OPTION, printCommandPlan } from './print-command-plan';
import { resolveSource } from '../../stack/resolve-source';
import { readStack } from '../../stack/stack';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../stack/commands/stack-options';

export const pullCommand = defineCommand({
  usage: 'pull [...handles]',
  group: 'Stack',
  summary: 'Pull the images of the default services plus the ones named',
  options: [...STACK_OPTIONS, { flags: '--ignore-failures', description: 'Keep going when an image cannot be pulled' }, DRY_RUN_OPTION],
  examples: ['./harbor.sh pull', './harbor.sh pull --profile llm', './harbor.sh pull --no-defaults webui', './harbor.sh pull --dry-run'],
  schema: v.object({ ...stackOptionEntries, ignoreFailures: v.optional(v.boolean(), false), dryRun: v.optional(v.boolean(), false) }),
  async run({ args, options, deps }) {
    const source = await resolveSource(deps, sourceOptionsOf(options, args));
    const stack = await readStack(deps, source);
    // Images that are built locally (hello) have nothing to pull.
    const params = v.parse(composePullAction.params, { ignoreFailures: options.ignoreFailures, ignoreBuildable: true });
    if (options.dryRun) return printCommandPlan(deps, stack, 'pull', [commandStep(composePullAction, params)]);
    await composePullAction.run(params, buildCommandContext(deps, stack, 'pull'));
  },
});
