// Loads the selected compose files into Harbor's model (reading files, `.env` and the environment as compose does), or says why it cannot.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComposeProject } from '../core/compose-argv';
import { parseDotenv } from '../../env/core/parse-dotenv';
import { buildComposeModel, type ComposeModelInput } from './core/build-compose-model';
import type { ModelMap } from './core/model-tree';

export interface ComposeModelRequest {
  project: ComposeProject;
  /** Compose files, absolute or relative to the project directory, in `-f` order. */
  files: readonly string[];
  /** The environment compose would run with (the runner's, then Harbor's compose env over it). */
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * The model compose would print for this request. Throws ComposeModelUnsupported (a HarborError) when the
 * TypeScript model does not reproduce this input; callers fall back to compose then.
 */
export function loadComposeModel(request: ComposeModelRequest): ModelMap {
  return buildComposeModel(composeModelInputOf(request));
}

/** What the pure model needs for a request: absolute files, compose's environment (`.env` under the process env), a file reader. */
export function composeModelInputOf(request: ComposeModelRequest): ComposeModelInput {
  const projectDir = request.project.directory;
  const processEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.env)) if (value !== undefined) processEnv[key] = value;
  // Compose interpolates ${COMPOSE_PROJECT_NAME} as the project's name (v1's Traefik overlays name networks with it).
  const env: Record<string, string> = { ...readProjectDotenv(projectDir, processEnv), ...processEnv, COMPOSE_PROJECT_NAME: request.project.name };
  const profiles = (env.COMPOSE_PROFILES ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  return {
    files: request.files.map((f) => (f.startsWith('/') ? f : join(projectDir, f))),
    projectName: request.project.name,
    projectDir,
    env,
    home: processEnv.HOME,
    profiles,
    readFile: memoized(readTextOrUndefined),
  };
}

/** compose reads `<project dir>/.env` for interpolation; the process environment wins over it. */
function readProjectDotenv(projectDir: string, processEnv: Readonly<Record<string, string>>): Record<string, string> {
  const file = join(projectDir, '.env');
  const text = readTextOrUndefined(file);
  if (text === undefined) return {};
  const out: Record<string, string> = {};
  const parsed = parseDotenv(text, { file, lookup: (name) => processEnv[name], secret: true });
  for (const entry of parsed.entries) out[entry.key] = entry.value;
  return out;
}

/** One load reads each file once (v1 services all list the same `.env` as env_file). */
function memoized(read: (path: string) => string | undefined): (path: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (path) => {
    if (!cache.has(path)) cache.set(path, read(path));
    return cache.get(path);
  };
}

function readTextOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw err;
  }
}
