// `harbor restart [HANDLE...]`: down then up, as v1 (containers are recreated, volumes kept).
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import type { ServiceUrl } from '../core/service-url';
import { composeUpAction } from '../../workflow/actions/compose-up';
import { buildCommandContext } from '../../stack/action-context';
import { runDown } from './down';
import { printUrls } from './print-urls';
import { resolveSource } from '../../stack/resolve-source';
import { readStack } from '../../stack/stack';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../stack/commands/stack-options';

export const restartCommand = defineCommand({
  usage: 'restart [...handles]',
  group: 'Stack',
  summary: 'Down, then up: recreate the stack (or only the services named); volumes are kept',
  options: STACK_OPTIONS,
  examples: ['./harbor.sh restart', './harbor.sh restart greeter'],
  schema: v.object(stackOptionEntries),
  async run({ args, options, deps }) {
    const source = await resolveSource(deps, sourceOptionsOf(options, args));
    const ctx = buildCommandContext(deps, await readStack(deps, source), 'restart');
    await runDown(ctx, args, false);
    const params = v.parse(composeUpAction.params, { removeOrphans: false, ...(args.length ? { services: args } : {}) });
    const result = await composeUpAction.run(params, ctx);
    printUrls(deps, (result.data as { urls: ServiceUrl[] }).urls);
  },
});
