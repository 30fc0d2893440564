import { deepStrictEqual, ok, strictEqual, throws } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXIT, UsageError } from '../../../src/shared/core/errors';
import { detectCapabilities, isModernCompose, parseCapabilityPin } from '../../../src/source/core/capabilities';
import { parseHostFacts } from '../../../src/source/core/host-facts';

describe('detectCapabilities', () => {
  // Host facts as harbor.sh prints them; GPUs are faked by the facts string (none exist here).
  const cases: Array<{ name: string; facts: string; compose?: string; runtimes?: string[]; expected: string[] }> = [
    { name: 'a plain host with an old compose', facts: 'os=Linux arch=x86_64', compose: '2.20.0', expected: [] },
    { name: 'nvidia: nvidia-smi and the toolkit', facts: 'nvidia_smi=1 nvidia_ctk=1', expected: ['nvidia'] },
    { name: 'no nvidia with nvidia-smi alone', facts: 'nvidia_smi=1', expected: [] },
    { name: 'no nvidia with the toolkit alone', facts: 'nvidia_ctk=1', expected: [] },
    { name: 'nvidia: an nvidia docker runtime is enough', facts: '', runtimes: ['io.containerd.runc.v2', 'nvidia', 'runc'], expected: ['nvidia'] },
    { name: 'runtime names are exact', facts: '', runtimes: ['Nvidia', 'nvidia-experimental'], expected: [] },
    { name: 'cdi: a spec file without nvidia', facts: 'cdi=/etc/cdi/nvidia.yaml', expected: ['cdi'] },
    { name: 'cdi: /var/run/cdi/nvidia.yaml', facts: 'cdi=/var/run/cdi/nvidia.yaml', expected: ['cdi'] },
    { name: 'cdi: the toolkit json', facts: 'nvidia_smi=1 cdi=/var/run/cdi/nvidia-container-toolkit.json', expected: ['cdi'] },
    { name: 'cdi is not chosen when nvidia is', facts: 'nvidia_smi=1 nvidia_ctk=1 cdi=/etc/cdi/nvidia.yaml', expected: ['nvidia'] },
    { name: 'cdi is not chosen when the runtime gives nvidia', facts: 'cdi=/etc/cdi/nvidia.yaml', runtimes: ['nvidia'], expected: ['nvidia'] },
    { name: 'another CDI spec file is not NVIDIA evidence', facts: 'cdi=/etc/cdi/amd.yaml,/etc/cdi/nvidia.json', expected: [] },
    { name: 'rocm: kfd, a render node and amdgpu', facts: 'kfd=1 dri_render=1 amdgpu=1', expected: ['rocm'] },
    { name: 'no rocm without kfd', facts: 'dri_render=1 amdgpu=1', expected: [] },
    { name: 'no rocm without a render node', facts: 'kfd=1 amdgpu=1', expected: [] },
    { name: 'no rocm without the amdgpu module', facts: 'kfd=1 dri_render=1', expected: [] },
    { name: 'mdc: compose 2.23.1', facts: '', compose: '2.23.1', expected: ['mdc'] },
    { name: 'no mdc from an unknown compose version', facts: '', compose: undefined, expected: [] },
    { name: 'everything, in rule order', facts: 'amdgpu=1 kfd=1 dri_render=1 nvidia_ctk=1 nvidia_smi=1', compose: 'v2.29.7', expected: ['nvidia', 'rocm', 'mdc'] },
    { name: 'cdi, rocm and mdc together', facts: 'cdi=/etc/cdi/nvidia.yaml kfd=1 dri_render=1 amdgpu=1', compose: '2.40.0', expected: ['cdi', 'rocm', 'mdc'] },
  ];
  for (const c of cases) {
    it(c.name, () => deepStrictEqual(detectCapabilities(parseHostFacts(c.facts), c.compose, c.runtimes ?? []), c.expected));
  }
});

describe('isModernCompose', () => {
  const cases: Array<{ version: string | undefined; expected: boolean }> = [
    { version: '2.23.1', expected: true },
    { version: '2.23.0', expected: false },
    { version: '2.23.2', expected: true },
    { version: '2.24.0', expected: true },
    { version: '2.22.9', expected: false },
    { version: '3.0.0', expected: true },
    { version: '1.99.99', expected: false },
    { version: '2.3.10', expected: false },
    { version: '2.100.0', expected: true },
    { version: 'v2.23.1', expected: true },
    { version: 'v2.23.0', expected: false },
    { version: '2.23.0-desktop.1', expected: false },
    { version: '2.23.1-desktop.1', expected: true },
    { version: 'v2.29.1-desktop.1', expected: true },
    { version: '2.23.1-rc.1', expected: true },
    { version: '2.23.0-rc.1', expected: false },
    { version: '2.24.0-12-gabcdef0', expected: true },
    { version: '2.23.1\n', expected: true },
    // Not X.Y.Z at the start: modern, as COMPOSE-RULES.md says (v1 compared with `sort -V`).
    { version: '2.24', expected: true },
    { version: '2.22', expected: true },
    { version: 'dev', expected: true },
    { version: 'v', expected: false },
    { version: '', expected: false },
    { version: undefined, expected: false },
  ];
  for (const c of cases) {
    it(JSON.stringify(c.version), () => strictEqual(isModernCompose(c.version), c.expected));
  }
});

describe('parseCapabilityPin', () => {
  const cases = [
    { input: '', expected: [] },
    { input: '  ', expected: [] },
    { input: 'nvidia', expected: ['nvidia'] },
    { input: 'nvidia,mdc', expected: ['nvidia', 'mdc'] },
    { input: ' nvidia , mdc ', expected: ['nvidia', 'mdc'] },
    { input: 'mdc,nvidia,mdc', expected: ['mdc', 'nvidia'] },
    { input: 'my-cap-2', expected: ['my-cap-2'] },
  ];
  for (const c of cases) {
    it(JSON.stringify(c.input), () => deepStrictEqual(parseCapabilityPin(c.input), c.expected));
  }

  const bad = [
    { input: 'NVIDIA', token: 'NVIDIA' },
    { input: 'nvidia,', token: '' },
    { input: 'nvidia,,mdc', token: '' },
    { input: 'nvidia mdc', token: 'nvidia mdc' },
    { input: 'nvidia;mdc', token: 'nvidia;mdc' },
    { input: 'mdc,*', token: '*' },
    { input: 'build,cdi.x', token: 'cdi.x' },
    { input: 'rocm,nvídia', token: 'nvídia' },
  ];
  for (const c of bad) {
    it(`rejects ${JSON.stringify(c.input)}`, () => {
      throws(
        () => parseCapabilityPin(c.input),
        (error: unknown) => {
          ok(error instanceof UsageError);
          deepStrictEqual(
            { message: error.message, hint: error.hint, exitCode: error.exitCode },
            {
              message: `--capabilities: "${c.token}" is not a capability name (in "${c.input}")`,
              hint: 'give lowercase letters, digits and "-", comma-separated: --capabilities nvidia,mdc (an empty value pins none)',
              exitCode: EXIT.usage,
            },
          );
          return true;
        },
      );
    });
  }
});
