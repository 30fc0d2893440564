// The `compose.exec` action: runs a command in a running service container (`docker compose exec -T`).
import * as v from 'valibot';
import { defineAction, type PlanContext } from '../action';
import { planComposeStep, runComposeStep } from './compose-step';

const Words = v.pipe(
  v.array(v.string(), 'must be a list of words, e.g. [ls, -la] (no shell string)'),
  v.minLength(1, 'must name a command'),
);

const Params = v.strictObject({
  /** The compose service. @example 'db' */
  service: v.pipe(v.string(), v.minLength(1, 'must name a service')),
  /** The command and its arguments, one word each (no shell). @example ['pg_dump', '-f', '/backup/db.sql'] */
  command: Words,
  /** Run as this user. @example 'postgres' */
  user: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** Working directory in the container. @example '/app' */
  workdir: v.optional(v.pipe(v.string(), v.minLength(1))),
});

function plan(p: v.InferOutput<typeof Params>, ctx: PlanContext) {
  // Steps run unattended: no TTY (-T), so output is plain and stdin is not awaited.
  const args = ['-T'];
  if (p.user) args.push('--user', p.user);
  if (p.workdir) args.push('--workdir', p.workdir);
  args.push(p.service, ...p.command);
  return planComposeStep(ctx, 'exec', args, `compose exec ${p.service}: ${p.command.join(' ')}`);
}

export const composeExecAction = defineAction({
  name: 'compose.exec',
  summary: 'Run a command in a running service: docker compose exec -T SERVICE COMMAND...',
  params: Params,
  plan,
  run: async (p, ctx) => {
    await runComposeStep(ctx, plan(p, ctx));
    return { summary: `ran ${p.command[0]} in ${p.service}` };
  },
});
