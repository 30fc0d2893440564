// The env a stack's compose calls run with, and the secret values to keep out of printed output.
import type { Deps } from '../deps';
import type { ResolvedSource } from './resolve-source';

export interface StackEnv {
  /** Handed to compose through the process environment only (secrets included): never argv, never logs. */
  composeEnv: Record<string, string>;
  /** Values to redact wherever Harbor prints compose output (`harbor config`). */
  secretValues: string[];
}

/**
 * Compose always sees the runner's own environment (HARBOR_* and friends, forwarded by harbor.sh) and reads
 * `<home>/.env` itself. The merged env layers and secrets are added here by the prepare stage's env reader
 * (readEnvLayers + buildComposeEnv, owned by the env layers); until that is wired in, this adds nothing.
 */
export async function readStackEnv(_deps: Deps, _source: ResolvedSource): Promise<StackEnv> {
  return { composeEnv: {}, secretValues: [] };
}
