// `harbor ls [--active]`: the service handles the compose directory knows, or those with running containers.
import * as v from 'valibot';
import { readComposeContainers } from '../../compose/compose-containers';
import { defineCommand } from '../../shared/command-spec';
import { compareCodePoints } from '../../shared/core/compare-code-points';
import { knownHandles } from '../core/compose-handles';
import { resolveSource } from '../../stack/resolve-source';
import { readStack } from '../../stack/stack';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../stack/commands/stack-options';

export const lsCommand = defineCommand({
  usage: 'ls',
  group: 'Stack',
  summary: 'List the known service handles (--active: the services with running containers)',
  options: [
    ...STACK_OPTIONS,
    { flags: '-a, --active', description: 'Only services with a running container in this project' },
    { flags: '--json', description: 'Print a JSON array of names' },
  ],
  examples: ['./harbor.sh ls', './harbor.sh ls --active', './harbor.sh ls --json'],
  schema: v.object({ ...stackOptionEntries, active: v.optional(v.boolean(), false), json: v.optional(v.boolean(), false) }),
  async run({ options, deps }) {
    const source = await resolveSource(deps, sourceOptionsOf(options, []));
    let names: string[];
    if (options.active) {
      const stack = await readStack(deps, source);
      const containers = await readComposeContainers(deps, source.project, source.selection.files, { env: stack.composeEnv, secretValues: stack.secretValues });
      names = [...new Set(containers.filter((c) => c.state === 'running').map((c) => c.service))];
    } else {
      // Handles, not capabilities: `nvidia` is known to the rules but is not a service.
      const capabilities = new Set(source.knownCapabilities);
      names = [...knownHandles(source.names, source.knownCapabilities)].filter((h) => !capabilities.has(h) && !h.includes('.'));
    }
    names.sort(compareCodePoints);
    deps.out(options.json ? `${JSON.stringify(names)}\n` : names.map((n) => `${n}\n`).join(''));
  },
});
