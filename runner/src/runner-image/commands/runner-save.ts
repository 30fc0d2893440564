// `harbor runner save FILE`: writes the runner image to an archive for hosts with no registry access.
import { isAbsolute, relative, resolve } from 'node:path';
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { saveImage } from '../save-image';
import { UsageError } from '../../shared/core/errors';

export const runnerSaveCommand = defineCommand({
  usage: 'runner save <file>',
  group: 'Runner',
  summary: 'Write the runner image to an archive (.tar, or gzip for .tar.gz/.tgz) for air-gapped hosts',
  options: [{ flags: '--image <name>', description: 'Image to save (default: the runner running this command)' }],
  examples: [
    './harbor.sh runner save var/harbor-runner.tar.gz',
    'then on the air-gapped host: ./harbor.sh runner load harbor-runner.tar.gz',
  ],
  schema: v.object({ image: v.optional(v.pipe(v.string(), v.minLength(1))) }),
  async run({ args, options, deps }) {
    const image = options.image ?? deps.env.HARBOR_RUNNER_IMAGE;
    if (!image) throw new UsageError('runner save: no image to save', { hint: 'run it through ./harbor.sh, or pass --image NAME' });
    const file = resolve(deps.cwd, args[0]!);
    const rel = relative(deps.home, file);
    // Only the home is mounted in the runner: a path elsewhere would be written inside the throwaway container.
    if (deps.env.HARBOR_IN_RUNNER === '1' && (rel.startsWith('..') || isAbsolute(rel))) {
      throw new UsageError(`runner save: ${args[0]} is outside the Harbor home (${deps.home})`, {
        hint: 'only the home is visible to the runner: save inside it and move the file afterwards',
      });
    }
    deps.log.info(`saving ${image} to ${rel || file}…`);
    await saveImage(image, file, /\.(t?gz|tar\.gz)$/.test(file), deps.log);
    deps.log.success(`saved ${image} to ${rel || file}; load it with ./harbor.sh runner load ${rel || file}`);
  },
});
