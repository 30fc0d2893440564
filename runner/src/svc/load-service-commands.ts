// Reads a service's commands: `commands:` in stacks/<service>/harbor.yaml and the scripts in stacks/<service>/cmd/.
import { access, constants, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { STACKS_DIR } from '../descriptor/descriptor-loader';
import { COMMAND_NAME } from '../descriptor/core/service-commands-schema';
import { parseYamlSource } from '../descriptor/core/yaml-source';
import { didYouMean } from '../shared/core/closest-names';
import { compareCodePoints } from '../shared/core/compare-code-points';
import { DescriptorError, UsageError } from '../shared/core/errors';
import { parseServiceCommands } from './core/parse-service-commands';
import { parseScriptHeader, type ServiceCommand } from './core/service-command';

const FOLDER = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * A command declared in harbor.yaml wins over a script of the same name (the yaml is the explicit place).
 * Script names drop one extension: cmd/visits.sh is `visits`.
 * @example const commands = await loadServiceCommands(deps.home, 'hello')
 */
export async function loadServiceCommands(home: string, folder: string): Promise<ServiceCommand[]> {
  if (!FOLDER.test(folder)) throw new UsageError(`"${folder}" is not a service name`, { hint: `a service's commands live in ${STACKS_DIR}/<service>/` });
  const yamlFile = `${STACKS_DIR}/${folder}/harbor.yaml`;
  const yamlText = await readOptional(join(home, yamlFile), yamlFile);
  const declared = yamlText === undefined ? [] : parseServiceCommands(parseYamlSource(yamlText, yamlFile), folder);
  const names = new Set(declared.map((c) => c.name));
  const scripts: ServiceCommand[] = [];
  const dir = `${STACKS_DIR}/${folder}/cmd`;
  for (const entry of await readdir(join(home, dir), { withFileTypes: true }).catch(() => [])) {
    if (!entry.isFile() || entry.name.startsWith('.')) continue;
    const name = entry.name.replace(/\.[^.]+$/, '');
    if (!COMMAND_NAME.test(name) || names.has(name)) continue;
    const source = `${dir}/${entry.name}`;
    const path = join(home, source);
    const text = (await readOptional(path, source)) ?? '';
    const header = parseScriptHeader(text, source);
    const executable = await access(path, constants.X_OK).then(() => true, () => false);
    names.add(name);
    scripts.push({ name, summary: header.summary, place: header.place, service: header.service ?? folder, source, body: { kind: 'script', path, text, executable } });
  }
  return [...declared, ...scripts].sort((a, b) => compareCodePoints(a.name, b.name));
}

/** The folders of stacks/ that have commands, for `harbor svc` with no service. */
export async function listServicesWithCommands(home: string): Promise<string[]> {
  const entries = await readdir(join(home, STACKS_DIR), { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory() && FOLDER.test(entry.name) && (await loadServiceCommands(home, entry.name)).length > 0) out.push(entry.name);
  }
  return out.sort(compareCodePoints);
}

/** The command named, or a UsageError listing the service's commands (with the closest name). */
export function selectServiceCommand(folder: string, commands: readonly ServiceCommand[], name: string): ServiceCommand {
  const found = commands.find((c) => c.name === name);
  if (found) return found;
  const known = commands.map((c) => c.name);
  throw new UsageError(`${folder} has no command "${name}"${didYouMean(name, known)}`, {
    hint: known.length ? `its commands: ${known.join(', ')} (harbor svc ${folder} --help)` : `add commands: to ${STACKS_DIR}/${folder}/harbor.yaml or a script to ${STACKS_DIR}/${folder}/cmd/`,
  });
}

async function readOptional(path: string, file: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new DescriptorError(`cannot read ${file}: ${code ?? 'error'}`, { hint: 'check that the Harbor home is readable by your user', cause: err });
  }
}
