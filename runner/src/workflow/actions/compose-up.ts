// The `compose.up` action: `docker compose up -d --wait --remove-orphans` on the source selection, then the URLs.
import * as v from 'valibot';
import { readComposeContainers } from '../../compose/compose-containers';
import { buildServiceUrls } from '../../compose/core/service-url';
import { withStackHealthReport } from '../../health/check-stack-health';
import { defineAction, type PlanContext } from '../action';
import { listSuffix, planComposeStep, runComposeStep } from './compose-step';

const ServiceList = v.array(v.pipe(v.string(), v.minLength(1, 'must not be empty')));

const Params = v.strictObject({
  /** Start only these compose services (default: every service of the selection). @example ['hello'] */
  services: v.optional(ServiceList),
  /** Wait until services are running/healthy (`--wait`, default true). @example false */
  wait: v.optional(v.boolean(), true),
  /** Seconds `--wait` waits at most. @example 120 */
  waitTimeout: v.optional(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'))),
  /** true: `--build` (build images first); false: `--no-build`. @example true */
  build: v.optional(v.boolean()),
  /** Image pull policy (`--pull`). @example 'missing' */
  pull: v.optional(v.picklist(['always', 'missing', 'never'], 'must be always, missing or never')),
  /** Remove containers of services no longer in the selection (default true). @example false */
  removeOrphans: v.optional(v.boolean(), true),
  /** Recreate containers even when nothing changed. @example true */
  forceRecreate: v.optional(v.boolean(), false),
});

type UpParams = v.InferOutput<typeof Params>;

function plan(p: UpParams, ctx: PlanContext) {
  const args = ['-d'];
  if (p.wait) args.push('--wait');
  if (p.wait && p.waitTimeout !== undefined) args.push('--wait-timeout', String(p.waitTimeout));
  if (p.removeOrphans) args.push('--remove-orphans');
  if (p.build === true) args.push('--build');
  if (p.build === false) args.push('--no-build');
  if (p.pull) args.push('--pull', p.pull);
  if (p.forceRecreate) args.push('--force-recreate');
  args.push(...(p.services ?? []));
  return planComposeStep(ctx, 'up', args, `compose up${listSuffix(p.services ?? ctx.selection.services)}`);
}

export const composeUpAction = defineAction({
  name: 'compose.up',
  summary: 'Start the stack: docker compose up -d --wait --remove-orphans',
  params: Params,
  plan,
  run: async (p, ctx) => {
    const planned = plan(p, ctx);
    const services = p.services ?? ctx.selection.services;
    await ctx.serviceHooks?.beforeUp(services);
    // A service that fails its healthcheck or exits: its last log lines and healthcheck output, then an error naming it.
    const check = { project: { name: ctx.projectName, directory: ctx.home }, files: ctx.selection.files, env: ctx.composeEnv, services: p.services, secretValues: ctx.secretValues ?? [] };
    await withStackHealthReport(ctx.deps, check, () => runComposeStep(ctx, planned, 'progress'));
    const containers = await readComposeContainers(ctx.deps, { name: ctx.projectName, directory: ctx.home }, ctx.selection.files, { env: ctx.composeEnv, secretValues: ctx.secretValues ?? [] });
    // post_service_up runs only for a service whose containers are all running and, with a healthcheck, healthy.
    const up = (s: string) => containers.some((c) => c.service === s) && containers.filter((c) => c.service === s).every((c) => c.state === 'running' && (c.health === '' || c.health === 'healthy'));
    await ctx.serviceHooks?.afterUp(services.filter(up));
    const urls = buildServiceUrls(containers);
    const running = new Set(containers.filter((c) => c.state === 'running').map((c) => c.service));
    return { summary: `${running.size} service(s) running`, urls: urls.map((u) => u.url), data: { urls } };
  },
});
