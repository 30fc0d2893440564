// The `logs.tail` action: prints the last log lines of services (secrets masked); `failing: true` only of failing ones.
import * as v from 'valibot';
import { readComposeContainers } from '../../compose/compose-containers';
import { renderFailureReport } from '../../health/core/render-failure-report';
import { readLogTail, readStackFailures } from '../../health/read-stack-failures';
import { redactSecrets } from '../../shared/core/redact-secrets';
import { defineAction } from '../action';

const Params = v.strictObject({
  /** Only these services (default: every service with a container). @example ['hello'] */
  services: v.optional(v.array(v.pipe(v.string(), v.minLength(1, 'must not be empty')))),
  /** Lines per service (default 20). @example 50 */
  lines: v.optional(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1')), 20),
  /** Only services that exited with an error or fail their healthcheck, with that healthcheck's output. @example true */
  failing: v.optional(v.boolean(), false),
});

export const logsTailAction = defineAction({
  name: 'logs.tail',
  summary: 'Print the last log lines of services to the log, secrets masked (failing: true: only failing services, with their healthcheck output)',
  params: Params,
  plan: (p) => ({ description: `print the last ${p.lines} log lines of ${p.failing ? 'failing services' : p.services?.join(', ') ?? 'every service'}` }),
  run: async (p, ctx) => {
    const query = { project: { name: ctx.projectName, directory: ctx.home }, files: ctx.selection.files, env: ctx.composeEnv, lines: p.lines, secretValues: ctx.secretValues ?? [] };
    const secrets = query.secretValues;
    if (p.failing) {
      const failures = await readStackFailures(ctx.deps, { ...query, services: p.services, waitFailed: false });
      if (failures.length) ctx.log.warn(`failing services:\n${renderFailureReport(failures, p.lines, secrets).trimEnd()}`);
      return { summary: failures.length ? `${failures.length} failing service(s)` : 'no failing service', data: { failing: failures.map((f) => ({ service: f.service, reason: f.reason })) } };
    }
    const running = await readComposeContainers(ctx.deps, query.project, query.files, { env: query.env, all: true, secretValues: secrets });
    const services = p.services ?? [...new Set(running.map((c) => c.service))].sort();
    for (const service of services) {
      const text = redactSecrets(await readLogTail(ctx.deps, query, service), secrets).trimEnd();
      ctx.log.info(`last ${p.lines} log lines of ${service}:\n${text ? text.split('\n').map((l) => `  ${l}`).join('\n') : '  (no output)'}`);
    }
    return { summary: `${services.length} service(s)` };
  },
});
