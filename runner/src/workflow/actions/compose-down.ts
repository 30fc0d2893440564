// The `compose.down` action: `docker compose down --remove-orphans`: containers and networks go, volumes only when asked.
import * as v from 'valibot';
import { stopStackTunnels } from '../../tunnels/stop-stack-tunnels';
import { defineAction, type PlanContext } from '../action';
import { listSuffix, planComposeStep, runComposeStep } from './compose-step';

const Params = v.strictObject({
  /** Also remove the stack's named volumes (its data). @example true */
  volumes: v.optional(v.boolean(), false),
  /** Also remove containers of services that are no longer in the selection (default true). @example false */
  removeOrphans: v.optional(v.boolean(), true),
  /** Seconds to wait for containers to stop before killing them. @example 5 */
  timeout: v.optional(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0, 'must not be negative'))),
  /** Stop and remove only these services (networks and volumes stay). @example ['greeter'] */
  services: v.optional(v.array(v.pipe(v.string(), v.minLength(1, 'must not be empty')))),
});

function plan(p: v.InferOutput<typeof Params>, ctx: PlanContext) {
  const args: string[] = [];
  if (p.removeOrphans) args.push('--remove-orphans');
  if (p.volumes) args.push('--volumes');
  if (p.timeout !== undefined) args.push('--timeout', String(p.timeout));
  args.push(...(p.services ?? []));
  return planComposeStep(ctx, 'down', args, `compose down${listSuffix(p.services)}${p.volumes ? ' (and volumes)' : ''}`);
}

export const composeDownAction = defineAction({
  name: 'compose.down',
  summary: 'Stop and remove the stack: docker compose down --remove-orphans (volumes only with volumes: true)',
  params: Params,
  plan,
  run: async (p, ctx) => {
    // Tunnels first: compose does not know these one-off containers, and their network could not be removed.
    await stopStackTunnels(ctx.deps, ctx.projectName, p.services);
    await runComposeStep(ctx, plan(p, ctx), 'progress');
    return { summary: p.volumes ? 'containers, networks and volumes removed' : 'containers and networks removed' };
  },
});
