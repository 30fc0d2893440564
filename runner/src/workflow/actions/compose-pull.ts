// The `compose.pull` action: `docker compose pull` for the selection's images.
import * as v from 'valibot';
import { defineAction, type PlanContext } from '../action';
import { listSuffix, planComposeStep, runComposeStep } from './compose-step';

const Params = v.strictObject({
  /** Pull only these services' images. @example ['webui'] */
  services: v.optional(v.array(v.pipe(v.string(), v.minLength(1, 'must not be empty')))),
  /** Keep going when an image cannot be pulled (`--ignore-pull-failures`). @example true */
  ignoreFailures: v.optional(v.boolean(), false),
  /** Skip services that have a `build:` section (`--ignore-buildable`). @example true */
  ignoreBuildable: v.optional(v.boolean(), false),
});

function plan(p: v.InferOutput<typeof Params>, ctx: PlanContext) {
  const args: string[] = [];
  if (p.ignoreFailures) args.push('--ignore-pull-failures');
  if (p.ignoreBuildable) args.push('--ignore-buildable');
  args.push(...(p.services ?? []));
  return planComposeStep(ctx, 'pull', args, `compose pull${listSuffix(p.services)}`);
}

export const composePullAction = defineAction({
  name: 'compose.pull',
  summary: "Pull the selection's images: docker compose pull",
  params: Params,
  plan,
  run: async (p, ctx) => {
    await runComposeStep(ctx, plan(p, ctx), 'progress');
    return { summary: 'images pulled' };
  },
});
