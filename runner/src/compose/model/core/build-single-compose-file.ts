// The one compose file Harbor hands compose instead of N `-f` files: the merged model, secrets as ${NAME}, env_file as references.
import { buildComposeModel, type ComposeModelInput } from './build-compose-model';
import type { EnvFileMemo } from './env-file-memo';
import { firstModelDifference } from './first-difference';
import { unsupported, type ModelMap } from './model-tree';

export interface SingleComposeFileInput extends ComposeModelInput {
  /** Names of the variables whose values are secret: they stay `${NAME}` in the file, compose reads them at call time. */
  secretNames: readonly string[];
  /** The secret values, to prove none is in the file. */
  secretValues: readonly string[];
  /** Where the file will be written (absolute): the proof reloads it from there. */
  path: string;
}

// A marker no compose file holds and no step of the model alters (no `$`, no blank, no quote, no separator).
const MARK = '\u241f';
const placeholder = (index: number): string => `${MARK}${index}${MARK}`;
const PLACEHOLDER = new RegExp(`${MARK}(\\d+)${MARK}`, 'g');

/**
 * Builds the model twice: with the real env (what compose would print) and with each secret variable set to a
 * placeholder, env_file kept as references. The second, `$` escaped and each placeholder written back as
 * `${NAME}`, is the file. It is proven before it is used: loaded again (with the real env) it must give exactly
 * the first model, and no secret value may appear in its text. Otherwise the model declines (ComposeModelUnsupported)
 * and Harbor keeps handing compose the N files.
 * @example buildSingleComposeFile({ ...input, secretNames: ['TOKEN'], secretValues: ['s3'], path: '/h/var/run/.harbor/compose.model.json' }).text
 */
export function buildSingleComposeFile(input: SingleComposeFileInput): { text: string; model: ModelMap } {
  const parsed: NonNullable<ComposeModelInput['parsed']> = new Map();
  const envFiles: EnvFileMemo = new Map();
  const model = buildComposeModel({ ...input, parsed, envFiles });
  const env: Record<string, string> = { ...input.env };
  input.secretNames.forEach((name, index) => {
    if (Object.hasOwn(env, name)) env[name] = placeholder(index);
  });
  const kept = buildComposeModel({ ...input, env, keepEnvFiles: true, parsed, envFiles });
  refuseRepeatedItems(kept, '');
  const text = `${JSON.stringify(kept, null, 2)
    .replaceAll('$', '$$$$')
    .replace(PLACEHOLDER, (_, index: string) => `\${${input.secretNames[Number(index)]!}}`)}\n`;
  if (text.includes(MARK)) unsupported('a secret variable in a place the single file cannot keep as a reference');
  for (const value of input.secretValues) {
    // Very short values would match by chance anywhere: the reload proof below covers them.
    if (value.length >= 4 && text.includes(value)) unsupported('a secret value would be written into the single compose file');
  }
  // The file is JSON, which YAML reads as JSON does: JSON.parse gives the tree the YAML parser would, in a
  // fraction of its time (the proof reloads hundreds of kilobytes).
  parsed.set(input.path, { text, documents: [{ tree: JSON.parse(text) as ModelMap, resetPaths: [] }] });
  const readFile = (p: string): string | undefined => (p === input.path ? text : input.readFile(p));
  const reloaded = buildComposeModel({ ...input, files: [input.path], readFile, parsed, envFiles });
  const difference = firstModelDifference(model, reloaded);
  if (difference !== undefined) unsupported(`the single compose file would give another model (${difference.split(':')[0]})`);
  return { text, model };
}

/**
 * compose prints lists compose-go kept whole (`extra_hosts` merged from a list and a mapping can repeat an entry)
 * but its schema refuses repeated items when it loads a file: such a model cannot be handed over as one file.
 * Commands and healthcheck tests may repeat words; `x-*` values are free-form.
 */
function refuseRepeatedItems(node: unknown, path: string): void {
  if (Array.isArray(node)) {
    const seen = new Set(node.map((item) => JSON.stringify(item)));
    if (seen.size !== node.length) unsupported(`${path} repeats an item, which compose refuses when it loads a file`);
    node.forEach((item, i) => refuseRepeatedItems(item, `${path}[${i}]`));
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-') || ((key === 'command' || key === 'entrypoint' || key === 'test') && Array.isArray(value))) continue;
    refuseRepeatedItems(value, path ? `${path}.${key}` : key);
  }
}
