// `harbor svc SERVICE COMMAND [ARGS...]`: runs a service's own helper; `harbor svc SERVICE --help` lists them.
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { isInteractiveTerminal } from '../../shared/terminal';
import { resolveSource } from '../../stack/resolve-source';
import { readStack } from '../../stack/stack';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../stack/commands/stack-options';
import { renderCommandList } from '../core/service-command';
import { listServicesWithCommands, loadServiceCommands, selectServiceCommand } from '../load-service-commands';
import { runServiceCommand } from '../run-service-command';

export const svcCommand = defineCommand({
  usage: 'svc [service] [command]',
  passThroughAfter: 2,
  ownHelp: true,
  group: 'Stack',
  summary: "Run a service's own helper (commands: in stacks/<service>/harbor.yaml or scripts in stacks/<service>/cmd/)",
  options: [...STACK_OPTIONS, { flags: '--json', description: 'List the commands as JSON (with a service and no command)' }],
  examples: ['./harbor.sh svc hello --help', './harbor.sh svc hello visits', './harbor.sh svc greeter say "hi there"', './harbor.sh svc'],
  schema: v.object({ ...stackOptionEntries, json: v.optional(v.boolean(), false), help: v.optional(v.boolean(), false) }),
  async run({ args, rest, options, deps }) {
    const [folder, name, ...words] = args;
    if (folder === undefined) {
      const services = await listServicesWithCommands(deps.home);
      if (options.json) deps.out(`${JSON.stringify(services)}\n`);
      else deps.out(services.length ? `Services with commands: ${services.join(', ')}\nRun \`harbor svc <service> --help\` to list one's commands.\n` : 'No service has commands yet (docs/Harbor-Service-Commands.md).\n');
      return;
    }
    const commands = await loadServiceCommands(deps.home, folder);
    if (name === undefined || options.help) {
      if (options.json) deps.out(`${JSON.stringify(commands.map((c) => ({ name: c.name, summary: c.summary, in: c.place, service: c.service, source: c.source })), null, 2)}\n`);
      else deps.out(renderCommandList(folder, commands));
      return;
    }
    const command = selectServiceCommand(folder, commands, name);
    const source = await resolveSource(deps, sourceOptionsOf(options, command.place === 'runner' ? [] : [command.service]));
    const stack = await readStack(deps, source);
    const { code } = await runServiceCommand(deps, {
      command,
      args: [...words, ...rest],
      project: source.project,
      files: stack.files,
      env: stack.composeEnv,
      secretValues: stack.secretValues,
      interactive: isInteractiveTerminal(),
    });
    return code;
  },
});
