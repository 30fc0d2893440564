// Writes the one compose file Harbor hands compose (var/run/.harbor/compose.model.json), or says why it keeps the N files.
import { join } from 'node:path';
import { writeFileAtomic } from '../../shared/atomic-write';
import type { ComposeProject } from '../core/compose-argv';
import { redactSecrets } from '../../shared/core/redact-secrets';
import type { Deps } from '../../shared/deps';
import { buildSingleComposeFile, type SingleComposeFileInput } from './core/build-single-compose-file';
import { ComposeModelUnsupported } from './core/model-tree';
import { composeModelInputOf } from './load-compose-model';

/** Relative to the Harbor home. Holds no secret value: secrets stay `${NAME}`, env files stay references. */
export const SINGLE_COMPOSE_FILE = 'var/run/.harbor/compose.model.json';

/**
 * Builds and proves the single file for these compose files (see buildSingleComposeFile) and writes it (mode
 * 0600). Returns its absolute path, or undefined when the model declines: the reason goes to the debug log
 * (secret values redacted) and the caller hands compose the N files.
 */
export async function writeSingleComposeFile(
  deps: Pick<Deps, 'env' | 'log'>,
  project: ComposeProject,
  files: readonly string[],
  env: { composeEnv: Readonly<Record<string, string>>; secretValues: readonly string[] },
): Promise<string | undefined> {
  const path = join(project.directory, SINGLE_COMPOSE_FILE);
  const input = composeModelInputOf({ project, files, env: { ...deps.env, ...env.composeEnv } });
  const secrets = [...new Set(env.secretValues.filter((v) => v !== ''))];
  const secretNames = Object.keys(input.env).filter((name) => secrets.includes(input.env[name]!)).sort();
  const answer = buildOnce({ ...input, secretNames, secretValues: secrets, path });
  if ('declined' in answer) {
    deps.log.withTag('compose-model').debug(`${redactSecrets(answer.declined, env.secretValues)}: handing compose the ${files.length} files`);
    return undefined;
  }
  await writeFileAtomic(path, answer.text, { mode: 0o600 });
  return path;
}

type SingleFileAnswer = { text: string } | { declined: string };

/**
 * The last build of this process: its inputs (in memory only: they hold secret values), every file it read
 * with what the file held, and its answer. A deploy hands compose the file several times (up, the URLs, the
 * health report...), each a build and proof of the whole model (three builds): the same inputs and the same
 * file contents give the same answer, so it is built once.
 */
let last: { key: string; reads: ReadonlyMap<string, string | undefined>; answer: SingleFileAnswer } | undefined;
let builds = 0;

/** How many times this process built the single file (for tests: a reuse does not count). */
export function singleComposeFileBuilds(): number {
  return builds;
}

function buildOnce(input: SingleComposeFileInput): SingleFileAnswer {
  const key = JSON.stringify([input.projectName, input.projectDir, input.files, Object.entries(input.env).sort(), input.home ?? null, input.profiles, input.secretNames, input.secretValues, input.path]);
  if (last !== undefined && last.key === key && [...last.reads].every(([file, text]) => input.readFile(file) === text)) return last.answer;
  const reads = new Map<string, string | undefined>();
  const readFile = (file: string): string | undefined => {
    const text = input.readFile(file);
    reads.set(file, text);
    return text;
  };
  builds++;
  let answer: SingleFileAnswer;
  try {
    answer = { text: buildSingleComposeFile({ ...input, readFile }).text };
  } catch (err) {
    if (!(err instanceof ComposeModelUnsupported)) throw err;
    answer = { declined: err.message };
  }
  last = { key, reads, answer };
  return answer;
}
