// `harbor open <service>`: opens a running service's published URL in the host's browser (harbor.sh does the opening).
import * as v from 'valibot';
import { readComposeContainers } from '../../compose/compose-containers';
import { defineCommand } from '../../shared/command-spec';
import { selectServiceUrl } from '../../compose/core/service-url';
import { resolveSource } from '../../stack/resolve-source';
import { readStack } from '../../stack/stack';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../stack/commands/stack-options';
import { requestOpen } from '../request-open';

export const openCommand = defineCommand({
  usage: 'open <service>',
  group: 'Stack',
  summary:
    "Open a running service's URL in this host's browser ($BROWSER, xdg-open, open or wslview); with none, or no display, print it",
  options: [...STACK_OPTIONS],
  examples: ['./harbor.sh open hello', 'BROWSER=firefox ./harbor.sh open webui', './harbor.sh up webui --open   # start it, then open it'],
  schema: v.object({ ...stackOptionEntries }),
  async run({ args, options, deps }) {
    const service = args[0]!;
    const source = await resolveSource(deps, sourceOptionsOf(options, [service]));
    const stack = await readStack(deps, source);
    const containers = await readComposeContainers(deps, source.project, source.selection.files, { env: stack.composeEnv });
    const url = selectServiceUrl(containers, service, false);
    if (!(await requestOpen(deps, [url]))) deps.out(`${url}\n`);
  },
});
