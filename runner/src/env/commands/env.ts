// `harbor env`: prints the merged env of the layers, secrets masked unless asked.
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { renderDotenv } from '../core/render-dotenv';
import { ENV_OPTIONS, envOptionEntries, loadCommandEnv } from './load-command-env';

export const envCommand = defineCommand({
  usage: 'env',
  group: 'Env & secrets',
  summary: 'Print the merged env layers (sys, site, service, .env.local, secrets), secrets masked',
  options: ENV_OPTIONS,
  examples: [
    './harbor.sh env',
    './harbor.sh env --service webui --site prod',
    './harbor.sh env --json | jq -r .DOMAIN',
    './harbor.sh env explain DOMAIN',
  ],
  schema: v.object(envOptionEntries),
  async run({ options, deps }) {
    const { env, show } = await loadCommandEnv(deps, options);
    const values = [...env].map(([key, entry]) => [key, typeof entry.value === 'string' ? entry.value : show(entry.value)] as const);
    deps.out(options.json ? `${JSON.stringify(Object.fromEntries(values), null, 2)}\n` : renderDotenv(values));
  },
});
