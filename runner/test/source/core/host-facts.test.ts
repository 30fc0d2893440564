import { deepStrictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHostFacts, type HostFacts } from '../../../src/source/core/host-facts';

const NONE: HostFacts = { nvidiaSmi: false, nvidiaToolkit: false, cdiSpecs: [], kfd: false, driRender: false, amdgpu: false, warnings: [] };

describe('parseHostFacts', () => {
  const cases: Array<{ name: string; input: string | undefined; expected: Partial<HostFacts> }> = [
    { name: 'unset', input: undefined, expected: {} },
    { name: 'empty', input: '', expected: {} },
    { name: 'blank', input: '  \n', expected: {} },
    { name: "what harbor.sh prints on a plain Linux host", input: 'os=Linux arch=x86_64', expected: { os: 'Linux', arch: 'x86_64' } },
    {
      name: 'an NVIDIA host with CDI specs',
      input: 'os=Linux arch=x86_64 nvidia_smi=1 nvidia_ctk=1 cdi=/etc/cdi/nvidia.yaml,/var/run/cdi/nvidia-container-toolkit.json',
      expected: { os: 'Linux', arch: 'x86_64', nvidiaSmi: true, nvidiaToolkit: true, cdiSpecs: ['/etc/cdi/nvidia.yaml', '/var/run/cdi/nvidia-container-toolkit.json'] },
    },
    { name: 'an AMD host', input: 'os=Linux arch=x86_64 kfd=1 dri_render=1 amdgpu=1', expected: { os: 'Linux', arch: 'x86_64', kfd: true, driRender: true, amdgpu: true } },
    { name: 'explicit zeros', input: 'nvidia_smi=0 nvidia_ctk=0 kfd=0 dri_render=0 amdgpu=0', expected: {} },
    { name: 'an empty cdi list', input: 'cdi=', expected: {} },
    { name: 'empty entries in the cdi list are dropped', input: 'cdi=,/etc/cdi/nvidia.yaml,,', expected: { cdiSpecs: ['/etc/cdi/nvidia.yaml'] } },
    { name: 'tabs, newlines and repeated spaces separate tokens', input: '\tos=Darwin  \n arch=arm64\n', expected: { os: 'Darwin', arch: 'arm64' } },
    { name: 'an empty os or arch is unknown', input: 'os= arch=', expected: {} },
    { name: 'a value may hold "="', input: 'os=a=b', expected: { os: 'a=b' } },
    { name: 'unknown keys are ignored without a warning', input: 'gpu=9 wsl=1 nvidia_smi=1', expected: { nvidiaSmi: true } },
    { name: 'a later token wins', input: 'kfd=1 kfd=0 os=A os=B', expected: { os: 'B' } },
    { name: 'keys are case-sensitive', input: 'NVIDIA_SMI=1 OS=Linux', expected: {} },
    {
      name: 'malformed tokens are ignored with a warning each',
      input: 'nvidia_smi =1 kfd=1',
      expected: { kfd: true, warnings: ['HARBOR_HOST_FACTS: ignored "nvidia_smi" (expected key=value)', 'HARBOR_HOST_FACTS: ignored "=1" (expected key=value)'] },
    },
    {
      name: 'a flag that is not 0 or 1 stays false, with a warning',
      input: 'nvidia_smi=yes amdgpu= kfd=true dri_render=1',
      expected: {
        driRender: true,
        warnings: [
          'HARBOR_HOST_FACTS: ignored "nvidia_smi=yes" (nvidia_smi must be 0 or 1)',
          'HARBOR_HOST_FACTS: ignored "amdgpu=" (amdgpu must be 0 or 1)',
          'HARBOR_HOST_FACTS: ignored "kfd=true" (kfd must be 0 or 1)',
        ],
      },
    },
    { name: 'a LAN address (IPv4)', input: 'os=Linux lan=192.168.1.5', expected: { os: 'Linux', lan: '192.168.1.5' } },
    { name: 'a LAN address (IPv6)', input: 'lan=fd00::5', expected: { lan: 'fd00::5' } },
    { name: 'a LAN value that is no address is ignored with a warning', input: 'lan=evil.com/x', expected: { warnings: ['HARBOR_HOST_FACTS: ignored "lan=evil.com/x" (lan must be an IP address)'] } },
    { name: 'inherited object keys are unknown keys', input: 'toString=1 constructor=1 __proto__=1', expected: {} },
  ];
  for (const c of cases) {
    it(c.name, () => deepStrictEqual(parseHostFacts(c.input), { ...NONE, ...c.expected }));
  }
});
