// The `compose.build` action: `docker compose build` for the selection's services that have a `build:` section.
import * as v from 'valibot';
import { defineAction, type PlanContext } from '../action';
import { listSuffix, planComposeStep, runComposeStep } from './compose-step';

const Params = v.strictObject({
  /** Build only these services. @example ['hello'] */
  services: v.optional(v.array(v.pipe(v.string(), v.minLength(1, 'must not be empty')))),
  /** Pull newer base images first (`--pull`). @example true */
  pull: v.optional(v.boolean(), false),
  /** Build without the layer cache (`--no-cache`). @example true */
  noCache: v.optional(v.boolean(), false),
});

function plan(p: v.InferOutput<typeof Params>, ctx: PlanContext) {
  const args: string[] = [];
  if (p.pull) args.push('--pull');
  if (p.noCache) args.push('--no-cache');
  args.push(...(p.services ?? []));
  return planComposeStep(ctx, 'build', args, `compose build${listSuffix(p.services)}`);
}

export const composeBuildAction = defineAction({
  name: 'compose.build',
  summary: "Build the selection's images: docker compose build",
  params: Params,
  plan,
  run: async (p, ctx) => {
    await runComposeStep(ctx, plan(p, ctx), 'progress');
    return { summary: 'images built' };
  },
});
