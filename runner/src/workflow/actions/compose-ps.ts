// The `compose.ps` action: prints the project's containers (`docker compose ps`).
import * as v from 'valibot';
import { defineAction, type PlanContext } from '../action';
import { listSuffix, planComposeStep, runComposeStep } from './compose-step';

const Params = v.strictObject({
  /** Include stopped containers (`--all`). @example true */
  all: v.optional(v.boolean(), false),
  /** Only these services. @example ['hello'] */
  services: v.optional(v.array(v.pipe(v.string(), v.minLength(1, 'must not be empty')))),
});

function plan(p: v.InferOutput<typeof Params>, ctx: PlanContext) {
  const args = [...(p.all ? ['--all'] : []), ...(p.services ?? [])];
  return planComposeStep(ctx, 'ps', args, `compose ps${listSuffix(p.services)}`);
}

export const composePsAction = defineAction({
  name: 'compose.ps',
  summary: "List the project's containers: docker compose ps",
  params: Params,
  plan,
  run: async (p, ctx) => {
    await runComposeStep(ctx, plan(p, ctx));
    return {};
  },
});
