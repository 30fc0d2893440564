// `harbor env set [--service S] NAME [VALUE]`: writes one value into its layer file (service.env, else etc/sys.env).
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { loadDescriptor } from '../../descriptor/descriptor-loader';
import { UsageError } from '../../shared/core/errors';
import { readStdin } from '../../shared/read-stdin';
import { isStdinTerminal } from '../../shared/terminal';
import { ACTIONS } from '../../workflow/action-registry';
import { writeEnvValue } from '../write-env-value';

export const ENV_EDIT_OPTIONS = [
  { flags: '--service <name>', description: "Write the service's layer (stacks/<name>/service.env) instead of etc/sys.env" },
  { flags: '--stack <name>', description: 'Merge stacks/<name>/harbor.yaml over etc/harbor.yaml (its prepare.env)' },
] as const;

export const envEditEntries = {
  service: v.optional(v.pipe(v.string(), v.minLength(1, 'needs a service name'))),
  stack: v.optional(v.pipe(v.string(), v.minLength(1, 'needs a stack name'))),
};

export const envSetCommand = defineCommand({
  usage: 'env set <name> [value]',
  group: 'Env & secrets',
  summary: 'Set one variable in its env layer file, keeping comments and order (value from argv, or stdin when omitted)',
  options: [...ENV_EDIT_OPTIONS, { flags: '--keep-newline', description: 'With stdin: keep a trailing newline (removed by default)' }],
  examples: [
    './harbor.sh env set TZ Europe/Berlin',
    './harbor.sh env set --service webui WEBUI_NAME "My chat"',
    "printf 'line one\\nline two' | ./harbor.sh env set --service hello MOTD",
  ],
  schema: v.object({ ...envEditEntries, keepNewline: v.optional(v.boolean(), false) }),
  async run({ args, options, deps }) {
    const [name, given] = args as [string, string | undefined];
    let value = given;
    if (value === undefined) {
      if (isStdinTerminal()) throw new UsageError(`env set ${name}: no value`, { hint: `give it after the name (harbor env set ${name} VALUE) or pipe it in` });
      value = await readStdin();
      if (!options.keepNewline) value = value.replace(/\r?\n$/, '');
    }
    const { descriptor } = await loadDescriptor(deps.home, { stack: options.stack, actions: ACTIONS });
    const write = await writeEnvValue({ home: deps.home, env: deps.env, config: descriptor.prepare.env, service: options.service }, name, value);
    if (write.outcome === 'unchanged') deps.log.info(`${name} already has that value in ${write.file}`);
    else deps.log.success(`${write.outcome === 'added' ? 'added' : 'changed'} ${name} in ${write.file} (\`harbor deploy\` applies it)`);
  },
});
