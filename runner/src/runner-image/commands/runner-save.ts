// `harbor runner save FILE`: writes the runner image to an archive for hosts with no registry access.
import { isAbsolute, relative } from 'node:path';
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { saveImage } from '../save-image';
import { UsageError } from '../../shared/core/errors';
import { resolveHostPath } from '../../shared/host-path';

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
    // Refused before docker save starts when the host would not see the file (docs/runner.md).
    const file = await resolveHostPath(deps, args[0]!, 'write');
    const rel = relative(deps.home, file);
    const shown = rel.startsWith('..') || isAbsolute(rel) ? file : rel || file;
    deps.log.info(`saving ${image} to ${shown}…`);
    await saveImage(image, file, /\.(t?gz|tar\.gz)$/.test(file), deps.log);
    deps.log.success(`saved ${image} to ${shown}; load it with ./harbor.sh runner load ${shown}`);
  },
});
