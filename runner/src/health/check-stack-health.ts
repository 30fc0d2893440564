// After `compose up`: prints each failing service's last log lines and healthcheck output, and fails naming them.
import type { ComposeProject } from '../compose/core/compose-argv';
import type { Deps } from '../shared/deps';
import { CommandError, HarborError } from '../shared/core/errors';
import { renderFailureReport } from './core/render-failure-report';
import { readStackFailures } from './read-stack-failures';

export interface StackHealthCheck {
  project: ComposeProject;
  files: readonly string[];
  env: Readonly<Record<string, string>>;
  services?: readonly string[] | undefined;
  secretValues: readonly string[];
  /** Log lines printed per failing service (default 20). */
  lines?: number;
}

/**
 * Runs `up` (any function that throws on failure) and, when it failed, explains why per service: the report goes
 * to the log (stderr), secrets masked, and the error names the services. A failure with no failing container
 * (compose could not even create one) is rethrown as it was.
 * @example await withStackHealthReport(deps, check, () => runComposeStep(ctx, planned, 'progress'))
 */
export async function withStackHealthReport(deps: Deps, check: StackHealthCheck, up: () => Promise<void>): Promise<void> {
  try {
    await up();
  } catch (err) {
    if (!(err instanceof HarborError)) throw err;
    const lines = check.lines ?? 20;
    const failures = await readStackFailures(deps, { ...check, lines, waitFailed: true }).catch(() => []);
    if (failures.length === 0) throw err;
    deps.log.error(`${failures.length === 1 ? 'a service' : `${failures.length} services`} did not come up:\n${renderFailureReport(failures, lines, check.secretValues).trimEnd()}`);
    const names = failures.map((f) => `${f.service} (${f.reason})`).join(', ');
    const first = failures[0]!.service;
    throw new CommandError(`compose up failed: ${names}`, {
      code: 'SERVICE_FAILED',
      exitCode: err.exitCode,
      hint: `its last log lines and healthcheck output are above; \`harbor logs ${first}\` follows its logs, \`harbor ps\` shows every state`,
      cause: err,
    });
  }
}
