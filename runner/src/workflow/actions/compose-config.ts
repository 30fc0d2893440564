// The `compose.config` action: validates the merged compose model (`docker compose config --quiet`), printing nothing.
import * as v from 'valibot';
import { defineAction, type PlanContext } from '../action';
import { planComposeStep, runComposeStep } from './compose-step';

// No params: printing the merged model from a workflow would print interpolated secret values; `harbor config`
// prints it with secrets redacted.
const Params = v.strictObject({});

function plan(_p: v.InferOutput<typeof Params>, ctx: PlanContext) {
  return planComposeStep(ctx, 'config', ['--quiet'], `compose config: validate ${ctx.selection.files.length} compose file(s)`);
}

export const composeConfigAction = defineAction({
  name: 'compose.config',
  summary: 'Validate the merged compose model: docker compose config --quiet',
  params: Params,
  plan,
  run: async (p, ctx) => {
    await runComposeStep(ctx, plan(p, ctx));
    return { summary: 'compose model is valid' };
  },
});
