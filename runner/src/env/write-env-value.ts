// `env set` / `env unset`: finds the layer file a name belongs in, refuses secret names, and rewrites that one file.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EnvConfig } from '../descriptor/core/env-config-schema';
import { writeFileAtomic } from '../shared/atomic-write';
import { EnvError, UsageError } from '../shared/core/errors';
import { editDotenvText, ENV_NAME, type DotenvEdit } from './core/edit-dotenv-text';
import { parseDotenv } from './core/parse-dotenv';
import { planEnvSources, type PlannedEnvSource } from './core/plan-env-sources';
import { listServiceDirs } from './load-stack-env';
import { readEnvLayers } from './read-env-layers';

const SERVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export interface EnvValueTarget {
  home: string;
  env: Readonly<Record<string, string | undefined>>;
  config: EnvConfig;
  /** `--service S`: the service's layer (stacks/S/service.env by default); else the sys layer (etc/sys.env). */
  service?: string | undefined;
}

export interface EnvValueWrite extends DotenvEdit {
  /** The layer file, relative to the home. */
  file: string;
}

/**
 * Writes `name=value` (or removes `name` when value is undefined) in the layer file, in one rename. A name any
 * secret layer (`secrets`, `sops`) sets is refused: its value belongs in an encrypted file (`harbor secrets set`).
 * @example await writeEnvValue({ home, env, config, service: 'webui' }, 'OLLAMA_MODEL', 'llama3')
 */
export async function writeEnvValue(target: EnvValueTarget, name: string, value: string | undefined): Promise<EnvValueWrite> {
  if (!ENV_NAME.test(name)) throw new UsageError(`"${name}" is not a variable name`, { hint: 'names use letters, digits and _, not starting with a digit: harbor env set OLLAMA_MODEL llama3' });
  if (target.service !== undefined && !SERVICE_NAME.test(target.service)) {
    throw new UsageError(`--service: "${target.service}" is not a service name`, { hint: 'a service is a folder directly under stacks/ (letters, digits, . _ -)' });
  }
  const services = target.service === undefined ? await listServiceDirs(target.home) : [target.service];
  const plan = planEnvSources(target.config.sources, { services });
  const secretFile = await findSecretLayer(target, plan.sources, name);
  if (secretFile !== undefined) {
    throw new EnvError(`${name} is a secret (set in ${secretFile}): env set does not write secrets in plain text`, {
      code: 'ENV_SECRET_NAME',
      hint: `change it with \`printf %s "$VALUE" | harbor secrets set ${secretFile} ${name}\` (the value never goes on argv)`,
    });
  }
  const file = layerFile(plan.sources, target.service);
  const path = join(target.home, file);
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return '';
    throw new EnvError(`cannot read ${file}: ${err.code ?? err.message}`, { code: 'ENV_READ', cause: err });
  });
  const edit = editDotenvText(text, name, value, file);
  // A new layer file is readable like the others (0644); an existing one keeps its mode.
  if (edit.text !== text) await writeFileAtomic(path, edit.text, { mode: 0o644, keepMode: true });
  return { ...edit, file };
}

/** The non-glob file of the descriptor's service layer for `service`, else of its sys layer. */
function layerFile(sources: readonly PlannedEnvSource[], service: string | undefined): string {
  const type = service === undefined ? 'sys' : 'service';
  const source = sources.find((s) => s.type === type && !s.glob && (service === undefined || s.service === service));
  if (source) return source.pattern;
  throw new EnvError(`prepare.env.sources has no ${type} layer${service === undefined ? '' : ` for ${service}`} with one file`, {
    code: 'ENV_NO_LAYER',
    hint: type === 'sys' ? 'add { type: sys, file: etc/sys.env, optional: true } to prepare.env.sources' : 'add { type: service, file: "stacks/${service}/service.env", optional: true } to prepare.env.sources',
  });
}

/** The first secret layer file that names `name`. Sops files are not decrypted: their names are in plain text. */
async function findSecretLayer(target: EnvValueTarget, sources: readonly PlannedEnvSource[], name: string): Promise<string | undefined> {
  const secret = sources.filter((s) => s.secret);
  const layers = await readEnvLayers({ sources: secret, warnings: [] }, { home: target.home, env: target.env, readSops: readSopsNames });
  for (const layer of layers) {
    const names = layer.content.kind === 'values' ? [...layer.content.values.keys()] : parseDotenv(layer.content.text, { file: layer.file, secret: true }).entries.map((e) => e.key);
    if (names.includes(name)) return layer.file;
  }
  return undefined;
}

/** The top-level names of a sops dotenv or YAML file (`NAME=ENC[...]`, `NAME: ENC[...]`), without its metadata. */
async function readSopsNames(file: string): Promise<Map<string, string>> {
  const text = await readFile(file, 'utf8');
  const names = [...text.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)\s*[=:]/gm)].map((m) => m[1]!).filter((n) => n !== 'sops' && !n.startsWith('sops_'));
  return new Map(names.map((n) => [n, '']));
}
