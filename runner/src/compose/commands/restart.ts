// `harbor restart [HANDLE...]`: down then up, as v1 (containers are recreated, volumes kept).
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import type { ServiceUrl } from '../core/service-url';
import { composeUpAction } from '../../workflow/actions/compose-up';
import { buildCommandContext } from '../../stack/action-context';
import { composeDownAction } from '../../workflow/actions/compose-down';
import { downParams, runDown } from './down';
import { commandStep, DRY_RUN_OPTION, printCommandPlan } from './print-command-plan';
import { printUrls } from './print-urls';
import { resolveSource } from '../../stack/resolve-source';
import { readStack } from '../../stack/stack';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../stack/commands/stack-options';

export const restartCommand = defineCommand({
  usage: 'restart [...handles]',
  group: 'Stack',
  summary: 'Down, then up: recreate the stack (or only the services named); volumes are kept',
  options: [...STACK_OPTIONS, DRY_RUN_OPTION],
  examples: ['./harbor.sh restart', './harbor.sh restart greeter', './harbor.sh restart --dry-run'],
  schema: v.object({ ...stackOptionEntries, dryRun: v.optional(v.boolean(), false) }),
  async run({ args, options, deps }) {
    const source = await resolveSource(deps, sourceOptionsOf(options, args));
    const stack = await readStack(deps, source);
    const params = v.parse(composeUpAction.params, { removeOrphans: false, ...(args.length ? { services: args } : {}) });
    if (options.dryRun) {
      return printCommandPlan(deps, stack, 'restart', [commandStep(composeDownAction, downParams(args, false)), commandStep(composeUpAction, params)]);
    }
    const ctx = buildCommandContext(deps, stack, 'restart');
    await runDown(ctx, args, false);
    const result = await composeUpAction.run(params, ctx);
    printUrls(deps, (result.data as { urls: ServiceUrl[] }).urls);
  },
});
