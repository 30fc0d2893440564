// `harbor pull [HANDLE...]`: pulls the images of the default services plus the ones named.
import * as v from 'valibot';
import { defineCommand } from '../command-spec';
import { composePullAction } from '../workflow/actions/compose-pull';
import { buildCommandContext } from './action-context';
import { commandStep, DRY_RUN_OPTION, printCommandPlan } from './print-command-plan';
import { resolveSource } from './resolve-source';
import { readStackEnv } from './stack-env';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from './stack-options';

export const pullCommand = defineCommand({
  usage: 'pull [...handles]',
  group: 'Stack',
  summary: 'Pull the images of the default services plus the ones named',
  options: [...STACK_OPTIONS, { flags: '--ignore-failures', description: 'Keep going when an image cannot be pulled' }, DRY_RUN_OPTION],
  examples: ['./harbor.sh pull', './harbor.sh pull --profile llm', './harbor.sh pull --no-defaults webui', './harbor.sh pull --dry-run'],
  schema: v.object({ ...stackOptionEntries, ignoreFailures: v.optional(v.boolean(), false), dryRun: v.optional(v.boolean(), false) }),
  async run({ args, options, deps }) {
    const source = await resolveSource(deps, sourceOptionsOf(options, args));
    const env = await readStackEnv(deps, source);
    // Images that are built locally (hello) have nothing to pull.
    const params = v.parse(composePullAction.params, { ignoreFailures: options.ignoreFailures, ignoreBuildable: true });
    if (options.dryRun) return printCommandPlan(deps, source, env, 'pull', [commandStep(composePullAction, params)]);
    await composePullAction.run(params, buildCommandContext(deps, source, env, 'pull'));
  },
});
