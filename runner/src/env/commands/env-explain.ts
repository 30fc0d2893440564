// `harbor env explain NAME`: every layer that sets NAME, lowest first, what each overrode, and the winner.
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { didYouMean } from '../../shared/core/closest-names';
import { explainEnv, renderEnvExplanation } from '../core/explain-env';
import { EnvError } from '../../shared/core/errors';
import { ENV_OPTIONS, envOptionEntries, loadCommandEnv } from './load-command-env';

export const envExplainCommand = defineCommand({
  usage: 'env explain <name>',
  group: 'Env & secrets',
  summary: 'Show which env layers set a variable, in order, what each overrode, and which one wins',
  options: ENV_OPTIONS,
  examples: ['./harbor.sh env explain DOMAIN', './harbor.sh env explain DB_PASSWORD --service webui', './harbor.sh env explain PORT --json'],
  schema: v.object(envOptionEntries),
  async run({ args, options, deps }) {
    const name = args[0]!;
    const { env, show } = await loadCommandEnv(deps, options);
    const entry = env.get(name);
    if (!entry) {
      const scope = options.service !== undefined ? ` for service ${options.service}` : '';
      const runner = deps.env[name] !== undefined ? ` (the runner's environment has it: compose sees it, but no layer sets it)` : '';
      throw new EnvError(`${name} is not set by any env layer${scope}${didYouMean(name, env.keys())}${runner}`, {
        hint: '`harbor env` lists every merged variable',
      });
    }
    const explanation = explainEnv(name, entry, show);
    deps.out(options.json ? `${JSON.stringify(explanation, null, 2)}\n` : renderEnvExplanation(explanation));
  },
});
