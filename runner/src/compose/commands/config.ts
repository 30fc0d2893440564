// `harbor config [HANDLE...]`: the merged compose model (docker compose config) with every secret value redacted.
import * as v from 'valibot';
import { runCompose } from '../compose';
import { defineCommand } from '../../shared/command-spec';
import { buildComposeArgv } from '../core/compose-argv';
import { buildComposeCallArgv } from '../model/compose-call-argv';
import { compareModelConfig, printModelConfig } from '../model/print-model-config';
import { redactSecrets } from '../../shared/core/redact-secrets';
import type { Deps } from '../../shared/deps';
import { resolveSource } from '../../stack/resolve-source';
import { readStack, type Stack } from '../../stack/stack';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../stack/commands/stack-options';

export const configCommand = defineCommand({
  usage: 'config [...handles]',
  group: 'Stack',
  summary: 'Print the merged compose model of the default services plus the ones named, secrets redacted',
  options: [
    ...STACK_OPTIONS,
    { flags: '--services', description: 'Only the service names' },
    { flags: '--json', description: 'The model as JSON instead of YAML (same as --format json)' },
    { flags: '--format <format>', description: "yaml (default) or json, printed from Harbor's compose model as compose prints them (compose answers when the model declines)" },
    { flags: '--compare', description: "Build Harbor's model and compose's, print the first difference (exit 1 when they differ)" },
  ],
  examples: [
    './harbor.sh config',
    './harbor.sh config --services',
    './harbor.sh config --profile llm --format json | jq .services.webui.environment',
    './harbor.sh config --compare ollama webui',
  ],
  schema: v.object({
    ...stackOptionEntries,
    services: v.optional(v.boolean(), false),
    json: v.optional(v.boolean(), false),
    format: v.optional(v.picklist(['yaml', 'json'])),
    compare: v.optional(v.boolean(), false),
  }),
  async run({ args, options, deps }) {
    const source = await resolveSource(deps, sourceOptionsOf(options, args));
    const stack = await readStack(deps, source);
    const request = { project: stack.project, files: stack.files, composeEnv: stack.composeEnv, secretValues: stack.secretValues };
    if (options.compare) return compareModelConfig(deps, request);
    const format = options.services ? 'services' : options.json || options.format === 'json' ? 'json' : 'yaml';
    // Harbor's compose model prints it (docs/compose-model.md); compose answers when the model declines.
    if (printModelConfig(deps, request, format)) return;
    await printComposeConfig(deps, stack, format);
  },
});

/**
 * Compose interpolates secrets into the model: its output (and its error text) passes through redaction of
 * `stack.secretValues` before anything is printed.
 */
export async function printComposeConfig(deps: Deps, stack: Stack, format: 'yaml' | 'json' | 'services'): Promise<void> {
  const flags = format === 'services' ? ['--services'] : format === 'json' ? ['--format', 'json'] : [];
  // compose prints the same model from Harbor's single file as from the N files (the single file's own proof).
  const env = { composeEnv: stack.composeEnv, secretValues: stack.secretValues };
  const argv = await buildComposeCallArgv(deps, stack.project, stack.files, env, buildComposeArgv(stack.project, stack.files, 'config', flags));
  const result = await runCompose(deps, argv, {
    env: stack.composeEnv,
    stdio: 'capture',
    secretValues: stack.secretValues,
  });
  deps.out(redactSecrets(result.stdout, stack.secretValues));
}
