// Picks the compose project name: the descriptor's `project`, else the home's basename (as v1), normalised the way compose does.
import { basename } from 'node:path';
import { DescriptorError } from '../../shared/core/errors';

/**
 * Compose lower-cases a project name, keeps only [a-z0-9_-] and trims leading `_`/`-`
 * (compose-go's NormalizeProjectName); doing the same here makes `harbor cmd` print the name compose will use.
 * @example selectProjectName(undefined, '/home/me/Harbor Home') // 'harborhome'
 */
export function selectProjectName(project: string | undefined, home: string): string {
  const source = project ?? basename(home);
  const name = source.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[_-]+/, '');
  if (name) return name;
  throw new DescriptorError(
    project === undefined
      ? `cannot derive a compose project name from the Harbor home "${home}"`
      : `project: "${project}" is not a usable compose project name`,
    { hint: 'set `project:` in etc/harbor.yaml to a name made of a-z, 0-9, "-" and "_", starting with a letter or digit' },
  );
}
