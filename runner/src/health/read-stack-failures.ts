// Finds the stack's containers that failed to come up and gathers their last log lines and healthcheck output.
import { readComposeContainers } from '../compose/compose-containers';
import { runCompose } from '../compose/compose';
import { buildComposeArgv, type ComposeProject } from '../compose/core/compose-argv';
import { buildComposeCallArgv } from '../compose/model/compose-call-argv';
import type { Deps } from '../shared/deps';
import { CommandError } from '../shared/core/errors';
import { parseContainerStates } from './core/parse-container-state';
import type { FailureDetails } from './core/render-failure-report';
import { selectFailingContainers } from './core/select-failing-containers';

export interface StackFailureQuery {
  project: ComposeProject;
  files: readonly string[];
  env: Readonly<Record<string, string>>;
  /** Only these services (default: every container of the project). */
  services?: readonly string[] | undefined;
  /** Log lines per failing service. */
  lines: number;
  /** `up --wait` gave up: containers still starting count as failed. */
  waitFailed: boolean;
  /** The stack's secret values: with them compose gets Harbor's single file (docs/compose-model.md), else the N files. */
  secretValues?: readonly string[] | undefined;
}

/** Reads only: `compose ps --all`, one `docker inspect`, then `compose logs --tail` per failing service. */
export async function readStackFailures(deps: Deps, query: StackFailureQuery): Promise<FailureDetails[]> {
  const containers = (await readComposeContainers(deps, query.project, query.files, { env: query.env, all: true, ...(query.secretValues && { secretValues: query.secretValues }) }))
    .filter((c) => query.services === undefined || query.services.includes(c.service));
  if (containers.length === 0) return [];
  const inspected = await deps.run(['docker', 'inspect', ...containers.map((c) => c.name)], { stdio: 'capture' });
  if (inspected.code !== 0) throw new CommandError(`docker inspect failed (exit ${inspected.code}): ${inspected.stderr.trim()}`, { hint: 'is the Docker engine running? `docker ps` should answer' });
  const failures = selectFailingContainers(parseContainerStates(inspected.stdout), query.waitFailed);
  return Promise.all(failures.map(async (f) => ({ ...f, logs: await readLogTail(deps, query, f.service) })));
}

/** The last lines a service printed, without compose's `name |` prefix or colours (captured, so nothing streams). */
export async function readLogTail(deps: Deps, query: Pick<StackFailureQuery, 'project' | 'files' | 'env' | 'lines' | 'secretValues'>, service: string): Promise<string> {
  const planned = buildComposeArgv(query.project, query.files, 'logs', ['--no-color', '--no-log-prefix', '--tail', String(query.lines), service]);
  const argv = query.secretValues === undefined ? planned : await buildComposeCallArgv(deps, query.project, query.files, { composeEnv: query.env, secretValues: query.secretValues }, planned);
  const result = await runCompose(deps, argv, { env: query.env, stdio: 'capture', check: false });
  return result.code === 0 ? result.stdout : `(compose logs failed: ${result.stderr.trim()})`;
}
