// `harbor verify [HANDLE...]`: runs the verify stage (task-format checks) against the deployed stack; exit 1 below the threshold.
import * as v from 'valibot';
import { buildActionContext } from '../../stack/action-context';
import { resolveSource } from '../../stack/resolve-source';
import { readStack } from '../../stack/stack';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../stack/commands/stack-options';
import { defineCommand } from '../../shared/command-spec';
import { runStage } from '../../workflow/run-stage';
import { selectVerifySteps } from '../select-verify-steps';

export const verifyCommand = defineCommand({
  usage: 'verify [...handles]',
  group: 'Tasks',
  summary: "Check the deployed stack: run stacks/<service>/verify/test.sh (task format) per service, fail below the descriptor's minReward",
  options: [...STACK_OPTIONS, { flags: '--json', description: 'Print the stage report {stage, ok, steps: [{data: [{check, service, rewards, error, logs}]}]}' }],
  examples: [
    './harbor.sh verify',
    './harbor.sh verify hello',
    './harbor.sh deploy --verify          (deploy, then this stage)',
    'descriptor: stages: { verify: { steps: [{ action: verify.run, minReward: 0.5, secrets: false }] } }',
  ],
  schema: v.object({ ...stackOptionEntries, json: v.optional(v.boolean(), false) }),
  async run({ args, options, deps }) {
    const source = await resolveSource(deps, sourceOptionsOf(options, args));
    const stack = await readStack(deps, source);
    const ctx = buildActionContext(deps, stack);
    const result = await runStage('verify', selectVerifySteps(source.descriptor), ctx, { env: { ...deps.env, ...stack.composeEnv } });
    if (options.json) deps.out(`${JSON.stringify(result, null, 2)}\n`);
    if (!result.ok) throw result.error;
  },
});
