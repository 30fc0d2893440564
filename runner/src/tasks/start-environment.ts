// Starts a trial environment: writes the compose files, builds or reuses the task image, `up -d` within build_timeout_sec.
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { RunProcess } from '../shared/process-runner';
import { createComposeEnvironment, type ComposeEnvironment } from './compose-environment';
import { buildComposeVariables, buildTrialCompose, type TrialComposeInput } from './core/build-trial-compose';
import type { EnvironmentConfig } from './core/task-config';
import { buildImageName } from './core/trial-names';
import { resolveEnvTemplates } from './core/resolve-env-templates';
import { hashTree } from './task-files';
import { TrialError } from './trial-error';

export interface StartInput {
  project: string;
  /** Folder the compose files go to (a scratch folder of the job). */
  scratch: string;
  taskDir: string;
  environment: EnvironmentConfig;
  kind: TrialComposeInput['kind'];
  /** environment/ for the main environment, tests/ for a separate verifier. */
  context: string;
  /** Suffix of the image name: '' for main, '-verifier'. */
  role: '' | '-verifier';
  mounts: TrialComposeInput['mounts'];
  multiplier: number;
  hostEnv: Readonly<Record<string, string | undefined>>;
  run: RunProcess;
  /** Called as soon as the project may exist, so Ctrl-C can remove it. */
  onCreated(env: ComposeEnvironment): void;
}

export async function startEnvironment(input: StartInput): Promise<ComposeEnvironment> {
  const env = resolveEnvTemplates(input.environment.env, input.hostEnv, ['environment', 'env']);
  if (env.issues.length) throw new TrialError('ValueError', env.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), 'environment setup');
  const image = input.kind === 'image' ? input.environment.dockerImage! : buildImageName(`${basename(input.taskDir)}${input.role}`, await hashTree(input.context));
  const composeInput: TrialComposeInput = { environment: input.environment, kind: input.kind, context: input.context, image, mounts: input.mounts, envNames: Object.keys(env.env) };
  const { base, override } = buildTrialCompose(composeInput);
  const files: string[] = [];
  if (base) {
    files.push(join(input.scratch, `${input.project}.base.json`));
    await writeFile(files[0]!, JSON.stringify(base, null, 2));
  } else files.push(join(input.context, 'docker-compose.yaml'));
  const overrideFile = join(input.scratch, `${input.project}.override.json`);
  await writeFile(overrideFile, JSON.stringify(override, null, 2));
  files.push(overrideFile);
  const compose = createComposeEnvironment({ project: input.project, files, variables: { ...buildComposeVariables(composeInput), ...env.env }, cwd: input.context, run: input.run });
  input.onCreated(compose);
  const seconds = input.environment.buildTimeoutSec * input.multiplier;
  const up = await compose.up(seconds * 1000);
  if (up.timedOut) throw new TrialError('EnvironmentStartTimeoutError', `Environment build and start timed out after ${seconds} seconds`, 'environment setup');
  if (up.code !== 0) {
    throw new TrialError('RuntimeError', `Docker compose command failed for environment ${input.project}. Command: docker compose up -d. Return code: ${up.code}. Stdout: ${up.stdout.trim()} Stderr: ${up.stderr.trim().split('\n').slice(-5).join('\n')}`, 'environment setup');
  }
  return compose;
}
