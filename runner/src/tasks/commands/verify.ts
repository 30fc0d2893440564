// `harbor verify [HANDLE...]`: runs the verify stage (task-format checks) against the deployed stack; exit 1 below the threshold.
import * as v from 'valibot';
import { buildActionContext } from '../../commands/action-context';
import { resolveSource } from '../../commands/resolve-source';
import { readStackEnv } from '../../commands/stack-env';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../commands/stack-options';
import { defineCommand } from '../../command-spec';
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
    const env = await readStackEnv(deps, source);
    const ctx = buildActionContext(deps, source, env);
    const result = await runStage('verify', selectVerifySteps(source.descriptor), ctx, { env: { ...deps.env, ...env.composeEnv } });
    if (options.json) deps.out(`${JSON.stringify(result, null, 2)}\n`);
    if (!result.ok) throw result.error;
  },
});
