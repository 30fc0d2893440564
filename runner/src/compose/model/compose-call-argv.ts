// The one seam of single-file mode: a compose argv with N `-f` files becomes one with Harbor's merged file, when it can.
import type { ComposeProject } from '../core/compose-argv';
import type { Deps } from '../../shared/deps';
import { writeSingleComposeFile } from './write-single-compose-file';

/**
 * `argv` as planned (N `-f` files: what `--dry-run` and `harbor cmd` print), rewritten to hand compose the one
 * merged file when single-file mode is on (the default; `--compose-files` or HARBOR_COMPOSE_FILES=1 keeps the N
 * files) and the model can build and prove it. Otherwise `argv` unchanged.
 */
export async function buildComposeCallArgv(
  deps: Pick<Deps, 'env' | 'log'>,
  project: ComposeProject,
  files: readonly string[],
  env: { composeEnv: Readonly<Record<string, string>>; secretValues: readonly string[] },
  argv: readonly string[],
): Promise<string[]> {
  if (deps.env.HARBOR_COMPOSE_FILES === '1' || files.length === 0) return [...argv];
  const single = await writeSingleComposeFile(deps, project, files, env);
  if (single === undefined) return [...argv];
  const out: string[] = [];
  let replaced = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '-f' && !replaced) {
      // The first `-f` pair becomes the single file; the following pairs are dropped.
      out.push('-f', single);
      replaced = true;
      while (argv[i] === '-f') i += 2;
      i--;
      continue;
    }
    out.push(argv[i]!);
  }
  return out;
}
