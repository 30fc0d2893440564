// `harbor config [HANDLE...]`: the merged compose model (docker compose config) with every secret value redacted.
import * as v from 'valibot';
import { runCompose } from '../adapters/compose';
import { defineCommand } from '../command-spec';
import { buildComposeArgv } from '../core/compose-argv';
import { redactSecrets } from '../core/redact-secrets';
import { resolveSource } from './resolve-source';
import { readStackEnv } from './stack-env';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from './stack-options';

export const configCommand = defineCommand({
  usage: 'config [...handles]',
  group: 'Stack',
  summary: 'Print the merged compose model of the default services plus the ones named, secrets redacted',
  options: [
    ...STACK_OPTIONS,
    { flags: '--services', description: 'Only the service names' },
    { flags: '--json', description: 'The model as JSON instead of YAML' },
  ],
  examples: ['./harbor.sh config', './harbor.sh config --services', './harbor.sh config --profile llm --json | jq .services.webui.environment'],
  schema: v.object({ ...stackOptionEntries, services: v.optional(v.boolean(), false), json: v.optional(v.boolean(), false) }),
  async run({ args, options, deps }) {
    const source = await resolveSource(deps, sourceOptionsOf(options, args));
    const env = await readStackEnv(deps, source);
    const flags = options.services ? ['--services'] : options.json ? ['--format', 'json'] : [];
    const result = await runCompose(deps, buildComposeArgv(source.project, source.selection.files, 'config', flags), {
      env: env.composeEnv,
      stdio: 'capture',
      secretValues: env.secretValues,
    });
    // Compose interpolates secrets into the model; the output passes through redaction before it is printed.
    deps.out(redactSecrets(result.stdout, env.secretValues));
  },
});
