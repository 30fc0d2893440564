// What a task asks for that local Docker cannot give: each is an exact error before a trial starts anything.
import type { TaskConfig, TaskIssue } from './task-config';

/**
 * @example findUnsupported(config with gpus = 1) // [{ path: ['environment','gpus'], message: 'GPUs are not supported ...' }]
 */
export function findUnsupported(config: TaskConfig): TaskIssue[] {
  const out: TaskIssue[] = [];
  const envs = [{ at: ['environment'], env: config.environment }, ...(config.verifier.environment ? [{ at: ['verifier', 'environment'], env: config.verifier.environment }] : [])];
  for (const { at, env } of envs) {
    if (env.networkMode === 'allowlist') out.push({ path: [...at, 'network_mode'], message: 'an egress allowlist is not supported by Harbor on local Docker (the framework needs an egress sidecar pulled from Docker Hub): use "public" or "no-network"' });
    if ((env.gpus ?? 0) > 0) out.push({ path: [...at, 'gpus'], message: 'GPUs are not supported by local Docker trials (as in the framework\'s docker environment): set gpus = 0 or run on a cloud provider' });
    if (env.tpu) out.push({ path: [...at, 'tpu'], message: 'TPUs exist only on GKE: remove [environment.tpu] to run locally' });
    if (env.os === 'windows') out.push({ path: [...at, 'os'], message: 'Windows containers are not supported: Harbor runs Linux containers on the local engine' });
  }
  const phases = [
    { at: ['agent'], mode: config.agent.networkMode },
    { at: ['verifier'], mode: config.verifier.networkMode },
    ...(config.steps ?? []).flatMap((s, i) => [
      { at: ['steps', i, 'agent'], mode: s.agent.networkMode },
      { at: ['steps', i, 'verifier'], mode: s.verifier.networkMode },
    ]),
  ];
  for (const { at, mode } of phases) {
    // A phase override that equals the baseline changes nothing; any other needs a dynamic network policy.
    if (mode !== undefined && mode !== config.environment.networkMode) {
      out.push({ path: [...at, 'network_mode'], message: `a per-phase network_mode ("${mode}" while [environment] has "${config.environment.networkMode}") needs a provider that changes the network between phases; local Docker cannot: set it on [environment] instead` });
    }
  }
  return out;
}
