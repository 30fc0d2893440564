// Builds the argv of one `docker compose` call: project, project directory, the `-f` files in order, then the subcommand.
import { isAbsolute, join } from 'node:path';

/** Where compose runs: the project name and the directory relative paths in compose files resolve against. */
export interface ComposeProject {
  name: string;
  /** The Harbor home: `./var/run/...` in a compose file means `<home>/var/run/...`, on the host and in the runner. */
  directory: string;
}

/**
 * The argv array for `docker compose` (never a shell string). Files relative to the home become absolute,
 * because compose resolves `-f` against its working directory, not against `--project-directory`.
 * An empty subcommand gives the prefix alone (what `harbor cmd` prints).
 * @example buildComposeArgv({ name: 'demo', directory: '/srv/h' }, ['etc/stacks/compose.yml'], 'ps', [])
 *   // ['docker', 'compose', '-p', 'demo', '--project-directory', '/srv/h', '-f', '/srv/h/etc/stacks/compose.yml', 'ps']
 */
export function buildComposeArgv(
  project: ComposeProject,
  files: readonly string[],
  subcommand: string,
  args: readonly string[],
): string[] {
  const argv = ['docker', 'compose', '-p', project.name, '--project-directory', project.directory];
  for (const file of files) argv.push('-f', isAbsolute(file) ? file : join(project.directory, file));
  if (subcommand) argv.push(subcommand);
  argv.push(...args);
  return argv;
}
