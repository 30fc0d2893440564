// `harbor down [HANDLE...]`: stops and removes the stack (v1's `down`); with handles, only those services.
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import type { ActionContext } from '../../workflow/action';
import { composeDownAction } from '../../workflow/actions/compose-down';
import { buildCommandContext } from '../../stack/action-context';
import { commandStep, DRY_RUN_OPTION, printCommandPlan } from './print-command-plan';
import { resolveSource } from '../../stack/resolve-source';
import { readStack } from '../../stack/stack';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../stack/commands/stack-options';

export const downCommand = defineCommand({
  usage: 'down [...handles]',
  group: 'Stack',
  summary: "Stop and remove the stack's containers and networks (with handles: only those services)",
  options: [...STACK_OPTIONS, { flags: '-v, --volumes', description: "Also remove the stack's named volumes (its data)" }, DRY_RUN_OPTION],
  examples: ['./harbor.sh down', './harbor.sh down greeter', './harbor.sh down --volumes', './harbor.sh down --dry-run'],
  schema: v.object({ ...stackOptionEntries, volumes: v.optional(v.boolean(), false), dryRun: v.optional(v.boolean(), false) }),
  async run({ args, options, deps }) {
    const source = await resolveSource(deps, sourceOptionsOf(options, args));
    // An env source that fails (a sops file without its key) must not keep a stack from being stopped.
    const stack = await readStack(deps, source, { tolerant: true });
    if (options.dryRun) return printCommandPlan(deps, stack, 'down', [commandStep(composeDownAction, downParams(args, options.volumes))]);
    await runDown(buildCommandContext(deps, stack, 'down'), args, options.volumes);
  },
});

/**
 * Without handles every container of the project goes, including ones no selected file knows any more
 * (--remove-orphans). With handles only those services stop; the network stays for the others.
 */
export async function runDown(ctx: ActionContext, handles: readonly string[], volumes: boolean): Promise<void> {
  await composeDownAction.run(downParams(handles, volumes), ctx);
}

/** The compose.down params of `harbor down [HANDLE...]` (and of restart's first half). */
export function downParams(handles: readonly string[], volumes: boolean): v.InferOutput<typeof composeDownAction.params> {
  const params = handles.length ? { services: [...handles], removeOrphans: false, volumes } : { removeOrphans: true, volumes };
  return v.parse(composeDownAction.params, params);
}
