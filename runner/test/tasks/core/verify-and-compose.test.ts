import { deepStrictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildComposeVariables, buildTrialCompose } from '../../../src/tasks/core/build-trial-compose';
import { findUnsupported } from '../../../src/tasks/core/find-unsupported';
import { parseTaskToml } from '../../../src/tasks/core/parse-task-toml';
import { planVerifyChecks, selectVerifyEnvNames } from '../../../src/tasks/core/plan-verify-checks';

describe('planVerifyChecks', () => {
  const has = (p: string) => p === 'stacks/hello/verify';
  const cases: Array<{ name: string; params: Parameters<typeof planVerifyChecks>[0]; expected: ReturnType<typeof planVerifyChecks> }> = [
    { name: 'default: the selected services that have a verify folder', params: {}, expected: [{ name: 'hello', path: 'stacks/hello/verify', service: 'hello' }] },
    { name: 'listed services are kept even without a folder (the run reports it missing)', params: { services: ['greeter'] }, expected: [{ name: 'greeter', path: 'stacks/greeter/verify', service: 'greeter' }] },
    { name: 'extra checks, named or named after service and path', params: { services: [], checks: [{ path: 'checks/smoke/', service: 'hello' }, { path: 'x', service: 'greeter', name: 'mine' }] }, expected: [{ name: 'hello-checks-smoke', path: 'checks/smoke', service: 'hello' }, { name: 'mine', path: 'x', service: 'greeter' }] },
  ];
  for (const c of cases) it(c.name, () => deepStrictEqual(planVerifyChecks(c.params, ['greeter', 'hello'], has), c.expected));
  it('env names: secret values left out unless asked', () => {
    deepStrictEqual(selectVerifyEnvNames({ B: '1', TOKEN: 's3', A: 's3x' }, ['s3'], false), ['A', 'B']);
    deepStrictEqual(selectVerifyEnvNames({ B: '1', TOKEN: 's3' }, ['s3'], true), ['B', 'TOKEN']);
  });
});

describe('buildTrialCompose', () => {
  const environment = parseTaskToml('[environment]\ncpus = 2\nmemory_mb = 512\nnetwork_mode = "no-network"\nenv = { A = "x" }\n').config!.environment;
  const mounts = { agent: '/j/t/agent', verifier: '/j/t/verifier', artifacts: '/j/t/artifacts' };
  it('a Dockerfile task: a base that builds the image and sleeps; the override mounts, limits and cuts the network', () => {
    deepStrictEqual(buildTrialCompose({ environment, kind: 'dockerfile', context: '/t/environment', image: 'hb__t:abc', mounts, envNames: ['A'] }), {
      base: { services: { main: { build: { context: '/t/environment' }, image: 'hb__t:abc', command: ['sh', '-c', 'sleep infinity'], init: true } } },
      override: {
        services: {
          main: {
            volumes: [
              { type: 'bind', source: '/j/t/agent', target: '/logs/agent' },
              { type: 'bind', source: '/j/t/verifier', target: '/logs/verifier' },
              { type: 'bind', source: '/j/t/artifacts', target: '/logs/artifacts' },
            ],
            environment: ['A'],
            cpus: 2,
            mem_limit: '512m',
            network_mode: 'none',
          },
        },
      },
    });
  });
  it('a compose task has no base; its file gets the framework variables', () => {
    const input = { environment, kind: 'compose' as const, context: '/t/environment', image: 'hb__t:abc', mounts, envNames: [] };
    deepStrictEqual(buildTrialCompose(input).base, undefined);
    deepStrictEqual(buildComposeVariables(input), { CONTEXT_DIR: '/t/environment', MAIN_IMAGE_NAME: 'hb__t:abc', HOST_VERIFIER_LOGS_PATH: '/j/t/verifier', HOST_AGENT_LOGS_PATH: '/j/t/agent', HOST_ARTIFACTS_PATH: '/j/t/artifacts', ENV_VERIFIER_LOGS_PATH: '/logs/verifier', ENV_AGENT_LOGS_PATH: '/logs/agent', ENV_ARTIFACTS_PATH: '/logs/artifacts', CPUS: '2', MEMORY: '512M' });
  });
});

describe('findUnsupported', () => {
  it('allowlist, GPUs, TPUs, Windows and per-phase network overrides; an override equal to the baseline is fine', () => {
    const config = parseTaskToml('[environment]\nnetwork_mode = "allowlist"\nallowed_hosts = ["a.com"]\ngpus = 1\nos = "windows"\n[environment.tpu]\ntype = "v5"\n[agent]\nnetwork_mode = "public"\n[verifier]\nnetwork_mode = "allowlist"\n').config!;
    deepStrictEqual(findUnsupported(config).map((i) => i.path.join('.')), ['environment.network_mode', 'environment.gpus', 'environment.tpu', 'environment.os', 'agent.network_mode']);
  });
});
