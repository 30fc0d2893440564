// `harbor env unset [--service S] NAME`: removes one variable from its env layer file, keeping every other line.
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { loadDescriptor } from '../../descriptor/descriptor-loader';
import { ACTIONS } from '../../workflow/action-registry';
import { writeEnvValue } from '../write-env-value';
import { ENV_EDIT_OPTIONS, envEditEntries } from './env-set';

export const envUnsetCommand = defineCommand({
  usage: 'env unset <name>',
  group: 'Env & secrets',
  summary: 'Remove one variable from its env layer file (stacks/<service>/service.env with --service, else etc/sys.env)',
  options: ENV_EDIT_OPTIONS,
  examples: ['./harbor.sh env unset TZ', './harbor.sh env unset --service webui WEBUI_NAME'],
  schema: v.object(envEditEntries),
  async run({ args, options, deps }) {
    const name = args[0]!;
    const { descriptor } = await loadDescriptor(deps.home, { stack: options.stack, actions: ACTIONS });
    const write = await writeEnvValue({ home: deps.home, env: deps.env, config: descriptor.prepare.env, service: options.service }, name, undefined);
    if (write.outcome === 'absent') deps.log.info(`${name} is not set in ${write.file}: nothing to remove`);
    else deps.log.success(`removed ${name} from ${write.file}`);
  },
});
