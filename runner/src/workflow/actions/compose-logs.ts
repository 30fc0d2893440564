// The `compose.logs` action: prints recent logs (`docker compose logs --tail N`); follows only when asked.
import * as v from 'valibot';
import { defineAction, type PlanContext } from '../action';
import { listSuffix, planComposeStep, runComposeStep } from './compose-step';

const Params = v.strictObject({
  /** Only these services. @example ['hello'] */
  services: v.optional(v.array(v.pipe(v.string(), v.minLength(1, 'must not be empty')))),
  /** Lines per container (`--tail`, default 100). @example 20 */
  tail: v.optional(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0, 'must not be negative')), 100),
  /** Keep printing new lines (`--follow`): the step then ends only when the user stops it. @example true */
  follow: v.optional(v.boolean(), false),
  /** Prefix lines with timestamps. @example true */
  timestamps: v.optional(v.boolean(), false),
});

function plan(p: v.InferOutput<typeof Params>, ctx: PlanContext) {
  const args = ['--tail', String(p.tail)];
  if (p.follow) args.push('--follow');
  if (p.timestamps) args.push('--timestamps');
  args.push(...(p.services ?? []));
  return planComposeStep(ctx, 'logs', args, `compose logs${listSuffix(p.services)} (last ${p.tail} lines${p.follow ? ', follow' : ''})`);
}

export const composeLogsAction = defineAction({
  name: 'compose.logs',
  summary: 'Print recent logs: docker compose logs --tail 100 (follow: true keeps following)',
  params: Params,
  plan,
  run: async (p, ctx) => {
    await runComposeStep(ctx, plan(p, ctx));
    return {};
  },
});
