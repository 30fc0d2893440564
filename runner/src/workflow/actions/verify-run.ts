// The `verify.run` action: runs the stack's verify checks (task-format tests/ folders) and fails below the reward threshold.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { defineAction, type PlanContext } from '../action';
import { formatPyFloat } from '../../tasks/core/trial-result';
import { planVerifyChecks, selectVerifyEnvNames, type VerifyCheck } from '../../tasks/core/plan-verify-checks';
import { runVerifyCheck, type VerifyOutcome } from '../../tasks/run-verify-check';
import { TaskError } from '../../tasks/task-error';

const Params = v.strictObject({
  /** Services whose stacks/<service>/verify/ run; default: every selected service that has that folder. @example ['hello'] */
  services: v.optional(v.array(v.pipe(v.string(), v.minLength(1)))),
  /** More tests folders (relative to the home), each run in a container of `service`. @example [{ path: 'checks/smoke', service: 'hello' }] */
  checks: v.optional(v.array(v.strictObject({ path: v.pipe(v.string(), v.minLength(1)), service: v.pipe(v.string(), v.minLength(1)), name: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/))) }))),
  /** The step fails when a check's `reward` is below this (default 1). @example 0.5 */
  minReward: v.optional(v.number(), 1),
  /** Also hand the stack's secret values to the checks (default false: only non-secret env). */
  secrets: v.optional(v.boolean(), false),
  /** Seconds each test.sh may run (default 120). */
  timeoutSec: v.optional(v.pipe(v.number(), v.gtValue(0)), 120),
});

function plan(p: v.InferOutput<typeof Params>, ctx: PlanContext) {
  const checks = planVerifyChecks(p, ctx.selection.services, () => true);
  return { description: `verify: run ${checks.map((c) => `${c.path}/test.sh in ${c.service}`).join(', ') || 'no checks'}; each needs reward >= ${p.minReward}${p.secrets ? ' (secrets in env)' : ''}` };
}

export const verifyRunAction = defineAction({
  name: 'verify.run',
  summary: 'Run verify checks (task-format tests/ folders, stacks/<service>/verify/) on the deployed stack; fail below minReward',
  params: Params,
  plan,
  async run(p, ctx) {
    const exists: string[] = [];
    for (const service of ctx.selection.services) if ((await stat(join(ctx.home, 'stacks', service, 'verify', 'test.sh')).catch(() => undefined))?.isFile()) exists.push(`stacks/${service}/verify`);
    const checks: VerifyCheck[] = planVerifyChecks(p, ctx.selection.services, (path) => exists.includes(path));
    if (checks.length === 0) {
      ctx.log.warn('verify: no checks (add stacks/<service>/verify/test.sh, or list checks in the step)');
      return { summary: 'no checks', data: [] };
    }
    const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
    const input = {
      project: { name: ctx.projectName, directory: ctx.home },
      files: ctx.selection.files,
      composeEnv: ctx.composeEnv,
      envNames: selectVerifyEnvNames(ctx.composeEnv, ctx.secretValues ?? [], p.secrets),
      timeoutSec: p.timeoutSec,
      user: uid === 0 ? undefined : `${uid}:${process.getgid!()}`,
      secretValues: ctx.secretValues ?? [],
    };
    const outcomes: VerifyOutcome[] = [];
    for (const check of checks) {
      const o = await runVerifyCheck(ctx.deps, check, input);
      outcomes.push(o);
      const reward = o.rewards?.reward;
      const ok = o.error === null && reward !== undefined && reward >= p.minReward;
      const shown = o.rewards ? Object.entries(o.rewards).map(([k, val]) => `${k}=${formatPyFloat(val)}`).join(' ') : 'no reward';
      ctx.log.log(`${ok ? '✔' : '✖'} verify ${o.check} (${o.service}): ${shown}${o.error ? ` (${o.error.type}: ${o.error.message})` : ''}${ok ? '' : `; output in ${o.logs}/`}`);
    }
    const failed = outcomes.filter((o) => o.error !== null || (o.rewards?.reward ?? -Infinity) < p.minReward);
    if (failed.length) {
      throw new TaskError(`verify: ${failed.map((o) => o.check).join(', ')} below the threshold (reward >= ${p.minReward})`, { hint: `read ${failed.map((o) => `${o.logs}/test-stdout.txt`).join(', ')}` });
    }
    return { summary: `${outcomes.length} check${outcomes.length === 1 ? '' : 's'} passed (reward >= ${p.minReward})`, data: outcomes };
  },
});
