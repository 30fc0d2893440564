// `harbor config` through Harbor's compose model: the JSON model, the service names, or a comparison with compose's own.
import { runCompose } from '../compose';
import { buildComposeArgv, type ComposeProject } from '../core/compose-argv';
import { redactSecrets } from '../../shared/core/redact-secrets';
import type { Deps } from '../../shared/deps';
import { firstModelDifference } from './core/first-difference';
import { printComposeJson } from './core/print-compose-json';
import { printComposeYaml } from './core/print-compose-yaml';
import { ComposeModelUnsupported } from './core/model-tree';
import { readComposeModel } from './read-compose-model';

export interface ModelConfigRequest {
  project: ComposeProject;
  files: readonly string[];
  composeEnv: Readonly<Record<string, string>>;
  secretValues: readonly string[];
}

/**
 * Prints the model as `docker compose config` would: `json` (`--format json`), `yaml` (its default output), or the
 * service names, one a line, sorted (`services`). Returns false when the model declines this selection, or the
 * YAML printer declines the model (docs/compose-model.md): the caller then asks compose.
 */
export function printModelConfig(deps: Deps, request: ModelConfigRequest, format: 'json' | 'yaml' | 'services'): boolean {
  const answer = readComposeModel(deps, request.project, request.files, request);
  if (answer.model === undefined) return false;
  if (format === 'services') {
    const names = Object.keys(answer.model.services as Record<string, unknown>).sort();
    deps.out(names.length > 0 ? `${names.join('\n')}\n` : '');
  } else if (format === 'yaml') {
    let yaml: string;
    try {
      yaml = printComposeYaml(answer.model);
    } catch (err) {
      if (!(err instanceof ComposeModelUnsupported)) throw err;
      deps.log.withTag('compose-model').debug(`${redactSecrets(err.message, request.secretValues)}: compose prints the YAML`);
      return false;
    }
    deps.out(redactSecrets(yaml, request.secretValues));
  } else deps.out(`${redactSecrets(printComposeJson(answer.model), request.secretValues)}\n`);
  return true;
}

/**
 * `harbor config --compare`: builds both models and prints the first difference (secrets redacted).
 * Exit code 0 when they are equal or the model declines (Harbor then uses compose), 1 when they differ.
 */
export async function compareModelConfig(deps: Deps, request: ModelConfigRequest): Promise<number> {
  const argv = buildComposeArgv(request.project, request.files, 'config', ['--format', 'json']);
  const started = performance.now();
  const compose = await runCompose(deps, argv, { env: request.composeEnv, stdio: 'capture', secretValues: request.secretValues });
  const composeMs = performance.now() - started;
  const modelStarted = performance.now();
  const answer = readComposeModel(deps, request.project, request.files, request);
  const modelMs = performance.now() - modelStarted;
  const timing = `(${request.files.length} file(s): compose ${Math.round(composeMs)} ms, Harbor's model ${Math.round(modelMs)} ms)`;
  if (answer.model === undefined) {
    deps.out(`Harbor's compose model declines this selection, so Harbor uses docker compose for it: ${answer.unsupported}\n`);
    return 0;
  }
  const difference = firstModelDifference(JSON.parse(compose.stdout), JSON.parse(printComposeJson(answer.model)));
  if (difference === undefined) {
    deps.out(`same model ${timing}\n`);
    return 0;
  }
  deps.out(`${redactSecrets(`first difference: ${difference}`, request.secretValues)} ${timing}\n`);
  deps.out('Please report it with both models: see docs/compose-model.md ("Reporting a disagreement").\n');
  return 1;
}
