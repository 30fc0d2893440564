// Reads and checks one task directory: task.toml (every rule, with lines) and the files the format requires.
import { readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { findUnsupported } from './core/find-unsupported';
import { parseTaskToml, type LocatedIssue } from './core/parse-task-toml';
import type { TaskConfig } from './core/task-config';

export interface LoadedTask {
  /** Absolute path of the task directory. */
  dir: string;
  /** As the user wrote it (relative to the working directory), for messages. */
  shown: string;
  /** `[task].name`, else the directory name (as the framework names local tasks). */
  name: string;
  config: TaskConfig;
  /** How the main service is defined. */
  environmentKind: 'compose' | 'dockerfile' | 'image';
  hasSolution: boolean;
}

export interface TaskCheck {
  shown: string;
  errors: string[];
  warnings: string[];
  /** Run-time refusals on local Docker (allowlist, GPUs...): errors for `task run`, notes for `task check`. */
  unsupported: string[];
  task: LoadedTask | undefined;
}

export interface CheckTaskOptions {
  cwd: string;
  /** The Harbor home: inside the runner only it is visible. */
  home: string;
  inRunner: boolean;
  disableVerification?: boolean;
}

export async function checkTaskDir(input: string, options: CheckTaskOptions): Promise<TaskCheck> {
  const dir = resolve(options.cwd, input);
  const shown = input.replace(/\/+$/, '') || input;
  const result: TaskCheck = { shown, errors: [], warnings: [], unsupported: [], task: undefined };
  const kind = await kindOf(dir);
  if (kind !== 'dir') {
    const outside = options.inRunner && isOutside(options.home, dir);
    result.errors.push(outside
      ? `${shown}: is outside the Harbor home (${options.home}), which is all the runner sees: move or copy the task under the home`
      : `${shown}: ${kind === 'missing' ? 'no such directory' : 'is a file, not a task directory'}`);
    return result;
  }
  const tomlFile = join(dir, 'task.toml');
  const text = await readFile(tomlFile, 'utf8').catch(() => undefined);
  if (text === undefined) {
    result.errors.push(`${shown}: no task.toml (a task directory holds task.toml, instruction.md, environment/, tests/test.sh)`);
    return result;
  }
  const parsed = parseTaskToml(text);
  const where = (i: LocatedIssue) => `${shown}/task.toml:${i.line}: ${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`;
  result.errors.push(...parsed.errors.map(where));
  result.warnings.push(...parsed.warnings.map(where));
  // An invalid task.toml still gets its files checked (as a task with the defaults), so every error shows at once.
  const config = parsed.config ?? parseTaskToml('').config!;
  if (parsed.config) result.unsupported.push(...findUnsupported(config).map((i) => where({ ...i, line: 0 }).replace(/:0: /, ': ')));

  const has = async (...parts: string[]) => (await kindOf(join(dir, ...parts))) === 'file';
  const file = (...parts: string[]) => `${shown}/${parts.join('/')}`;
  let environmentKind: LoadedTask['environmentKind'] = 'dockerfile';
  if ((await kindOf(join(dir, 'environment'))) !== 'dir') result.errors.push(`${file('environment')}/: missing (it holds the Dockerfile or docker-compose.yaml of the task's container)`);
  else if (await has('environment', 'docker-compose.yaml')) environmentKind = 'compose';
  else if (await has('environment', 'Dockerfile')) environmentKind = 'dockerfile';
  else if (config.environment.dockerImage) environmentKind = 'image';
  else result.errors.push(`${file('environment')}/: needs a Dockerfile or a docker-compose.yaml, or set [environment].docker_image in task.toml`);
  if (config.environment.dockerImage && environmentKind === 'dockerfile') {
    result.warnings.push(`${file('environment', 'Dockerfile')}: not used: [environment].docker_image is set (the framework builds it only with --force-build)`);
    environmentKind = 'image';
  }

  const verify = !options.disableVerification;
  if (config.steps) {
    for (const step of config.steps) {
      if ((await kindOf(join(dir, 'steps', step.name))) !== 'dir') {
        result.errors.push(`${file('steps', step.name)}/: missing (each [[steps]] entry needs its folder, with instruction.md)`);
        continue;
      }
      if (!(await has('steps', step.name, 'instruction.md'))) result.errors.push(`${file('steps', step.name, 'instruction.md')}: missing`);
      if (verify && !(await has('tests', 'test.sh')) && !(await has('steps', step.name, 'tests', 'test.sh'))) {
        result.errors.push(`${file('steps', step.name, 'tests', 'test.sh')}: missing, and there is no ${file('tests', 'test.sh')} to fall back on`);
      }
    }
  } else {
    if (!(await has('instruction.md'))) result.errors.push(`${file('instruction.md')}: missing (the task's prompt)`);
    if (verify && !(await has('tests', 'test.sh'))) result.errors.push(`${file('tests', 'test.sh')}: missing (the verifier; it writes /logs/verifier/reward.txt or reward.json)`);
  }
  if (verify && config.verifier.mode === 'separate' && !(await has('tests', 'Dockerfile'))) {
    result.errors.push(`${file('tests', 'Dockerfile')}: missing: a separate verifier environment is built from tests/ (its image must hold /tests/test.sh)`);
  }
  const hasSolution = await has('solution', 'solve.sh');
  if (!hasSolution && !config.steps) result.warnings.push(`${file('solution', 'solve.sh')}: missing: the oracle agent has nothing to run (the trial records FileNotFoundError)`);
  for (const script of [['solution', 'solve.sh'], ['tests', 'test.sh']]) {
    const head = await readFile(join(dir, ...script), 'utf8').then((t) => t.slice(0, 2), () => undefined);
    if (head !== undefined && head !== '#!') result.warnings.push(`${file(...script)}: no #! line: the script is executed directly, so it fails with "exec format error"`);
  }
  if (result.errors.length === 0) {
    result.task = { dir, shown, name: config.name ?? basename(dir), config, environmentKind, hasSolution };
  }
  return result;
}

async function kindOf(path: string): Promise<'dir' | 'file' | 'missing'> {
  const s = await stat(path).catch(() => undefined);
  return s === undefined ? 'missing' : s.isDirectory() ? 'dir' : 'file';
}

function isOutside(home: string, path: string): boolean {
  const rel = relative(home, path);
  return rel.startsWith('..') || isAbsolute(rel);
}
