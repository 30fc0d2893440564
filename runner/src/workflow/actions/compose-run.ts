// The `compose.run` action: a one-off container of a service (`docker compose run --rm -T`), e.g. a migration.
import * as v from 'valibot';
import { defineAction, type PlanContext } from '../action';
import { planComposeStep, runComposeStep } from './compose-step';

const Params = v.strictObject({
  /** The compose service whose image and settings the container uses. @example 'app' */
  service: v.pipe(v.string(), v.minLength(1, 'must name a service')),
  /** The command and its arguments, one word each (default: the service's command). @example ['migrate', '--up'] */
  command: v.optional(v.array(v.string(), 'must be a list of words, e.g. [migrate, --up] (no shell string)')),
  /** Override the image's entrypoint. @example 'sh' */
  entrypoint: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** Run as this user. @example '1000:1000' */
  user: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** Working directory in the container. @example '/app' */
  workdir: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** Remove the container when it exits (default true). @example false */
  rm: v.optional(v.boolean(), true),
  /** Do not start the services it depends on. @example true */
  noDeps: v.optional(v.boolean(), false),
});

function plan(p: v.InferOutput<typeof Params>, ctx: PlanContext) {
  const args = ['-T'];
  if (p.rm) args.push('--rm');
  if (p.noDeps) args.push('--no-deps');
  if (p.entrypoint) args.push('--entrypoint', p.entrypoint);
  if (p.user) args.push('--user', p.user);
  if (p.workdir) args.push('--workdir', p.workdir);
  args.push(p.service, ...(p.command ?? []));
  const what = p.command?.length ? `: ${p.command.join(' ')}` : '';
  return planComposeStep(ctx, 'run', args, `compose run ${p.service}${what}`);
}

export const composeRunAction = defineAction({
  name: 'compose.run',
  summary: 'Run a one-off container of a service: docker compose run --rm -T SERVICE [COMMAND...]',
  params: Params,
  plan,
  run: async (p, ctx) => {
    await runComposeStep(ctx, plan(p, ctx));
    return { summary: `one-off ${p.service} container finished` };
  },
});
