// Compose's own model of the selection (`docker compose config --format json`), read into memory for tunnels.
// One seam: when Harbor computes the compose model itself (docs/compose-model.md), only this file changes.
import { runCompose } from '../compose/compose';
import { buildComposeArgv, type ComposeProject } from '../compose/core/compose-argv';
import type { Deps } from '../shared/deps';
import type { ComposeModelForTunnels } from './core/select-tunnel-target';

export interface ComposeModelInput {
  project: ComposeProject;
  files: readonly string[];
  /** The compose env (may hold secrets: it travels by environment, and the model stays in memory). */
  env: Readonly<Record<string, string>>;
  secretValues: readonly string[];
}

export async function readComposeModel(deps: Deps, input: ComposeModelInput): Promise<ComposeModelForTunnels> {
  const argv = buildComposeArgv(input.project, input.files, 'config', ['--format', 'json']);
  const result = await runCompose(deps, argv, { env: input.env, stdio: 'capture', secretValues: input.secretValues });
  return JSON.parse(result.stdout) as ComposeModelForTunnels;
}
