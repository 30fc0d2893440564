// `harbor logs [HANDLE...]`: follows the logs of the running stack (v1: last 20 lines, then follow).
import * as v from 'valibot';
import { readComposeContainers } from '../compose-containers';
import { runCompose } from '../compose';
import { defineCommand } from '../../shared/command-spec';
import { buildComposeArgv } from '../core/compose-argv';
import { buildComposeCallArgv } from '../model/compose-call-argv';
import { selectRunningHandles } from '../../source/core/running-handles';
import { resolveSource } from '../../stack/resolve-source';
import { readStack } from '../../stack/stack';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../stack/commands/stack-options';

const LINES = /^(0|[1-9][0-9]*|all)$/;

export const logsCommand = defineCommand({
  usage: 'logs [...handles]',
  group: 'Stack',
  summary: 'Show the last lines of the logs and follow them (with handles: only those services)',
  options: [
    ...STACK_OPTIONS,
    { flags: '-n, --tail <lines>', description: 'Lines to show per container before following (default 20; "all")' },
    { flags: '--no-follow', description: 'Print and exit instead of following' },
    { flags: '-t, --timestamps', description: 'Prefix each line with its time' },
  ],
  examples: ['./harbor.sh logs', './harbor.sh logs hello -n 100', './harbor.sh logs --no-follow', './harbor.sh logs hello -- --since 10m'],
  schema: v.object({
    ...stackOptionEntries,
    tail: v.optional(v.pipe(v.string(), v.regex(LINES, 'must be a number of lines or "all"')), '20'),
    follow: v.optional(v.boolean(), true),
    timestamps: v.optional(v.boolean(), false),
  }),
  async run({ args, rest, options, deps }) {
    let source = await resolveSource(deps, sourceOptionsOf(options, args));
    const stack = await readStack(deps, source);
    if (args.length === 0) {
      // compose logs only covers services of the compose model: add what is running (v1 used every file).
      const running = await readComposeContainers(deps, source.project, source.selection.files, { env: stack.composeEnv, secretValues: stack.secretValues });
      const handles = selectRunningHandles(running.map((c) => c.service), source.names, source.knownCapabilities);
      if (handles.some((h) => !source.selection.options.includes(h))) source = await resolveSource(deps, { ...sourceOptionsOf(options, handles), capabilities: source.selection.capabilities.join(',') });
    }
    const flags = ['--tail', options.tail, ...(options.follow ? ['--follow'] : []), ...(options.timestamps ? ['--timestamps'] : []), ...rest];
    const planned = buildComposeArgv(source.project, source.selection.files, 'logs', [...flags, ...args]);
    const argv = await buildComposeCallArgv(deps, source.project, source.selection.files, { composeEnv: stack.composeEnv, secretValues: stack.secretValues }, planned);
    // 130: the user stopped following with Ctrl-C, which is how `logs -f` ends.
    // A service that logs its own secrets should not show them through Harbor either.
    await runCompose(deps, argv, { env: stack.composeEnv, okCodes: [130], secretValues: stack.secretValues });
  },
});
