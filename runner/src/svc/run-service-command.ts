// Runs a service command where it belongs (service container, one-off container or the runner); returns its exit code.
import type { ComposeProject } from '../compose/core/compose-argv';
import type { Deps } from '../shared/deps';
import { CommandError } from '../shared/core/errors';
import { planServiceCommand } from './core/plan-service-command';
import { buildComposeCallArgv } from '../compose/model/compose-call-argv';
import type { ServiceCommand } from './core/service-command';

export interface ServiceCommandRun {
  command: ServiceCommand;
  args: readonly string[];
  project: ComposeProject;
  files: readonly string[];
  /** The stack's compose env (secrets included): compose gets it, and so does a command run in the runner. */
  env: Readonly<Record<string, string>>;
  secretValues: readonly string[];
  interactive: boolean;
  /** `capture` returns the output instead of streaming it (the svc.cmd action in tests, --json). */
  stdio?: 'inherit' | 'capture';
}

/** The command's own exit code is the answer (as `harbor exec`): it is returned, not thrown. */
export async function runServiceCommand(deps: Deps, run: ServiceCommandRun): Promise<{ code: number; stdout: string }> {
  const plan = planServiceCommand(run);
  // exec / run --rm go to compose with Harbor's single file (docs/compose-model.md); a runner process keeps COMPOSE_FILE.
  if (plan.argv[0] === 'docker' && plan.argv[1] === 'compose') {
    plan.argv = await buildComposeCallArgv(deps, run.project, run.files, { composeEnv: run.env, secretValues: run.secretValues }, plan.argv);
  }
  const env = { ...run.env, ...plan.env, HARBOR_HOME: run.project.directory };
  const stdio = run.stdio ?? 'inherit';
  try {
    const result = await deps.run(plan.argv, {
      cwd: run.project.directory,
      env,
      stdio,
      ...(plan.input !== undefined && { input: plan.input }),
      ...(stdio !== 'capture' && run.secretValues.length > 0 && { redact: run.secretValues }),
    });
    return { code: result.code, stdout: result.stdout };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CommandError(`${run.command.service} ${run.command.name}: cannot run ${plan.argv[0]}: ${code === 'ENOENT' ? 'not found' : (err as Error).message}`, {
      exitCode: 127,
      hint: run.command.body.kind === 'script' ? `check the script's first line (#!) or make it executable: chmod +x ${run.command.source}` : `check \`run:\` of ${run.command.name} in ${run.command.source}`,
      cause: err,
    });
  }
}
