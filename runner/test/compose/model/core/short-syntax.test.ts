import { deepStrictEqual, throws } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ComposeModelUnsupported } from '../../../../src/compose/model/core/model-tree';
import { parsePortSpec } from '../../../../src/compose/model/core/parse-port';
import { parseVolumeSpec, volumeSpecToMapping } from '../../../../src/compose/model/core/parse-volume';
import { cleanPath } from '../../../../src/compose/model/core/posix-path';

describe('ports: short syntax into compose-go port mappings', () => {
  const cases: Array<{ input: string; expected: object[] }> = [
    { input: '80', expected: [{ mode: 'ingress', target: 80, protocol: 'tcp' }] },
    { input: '8080:80', expected: [{ mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' }] },
    { input: '127.0.0.1:53:53/UDP', expected: [{ mode: 'ingress', host_ip: '127.0.0.1', target: 53, published: '53', protocol: 'udp' }] },
    { input: '8000-8010:80', expected: [{ mode: 'ingress', target: 80, published: '8000-8010', protocol: 'tcp' }] },
    {
      // nat sorts the container ports as strings: 1000 before 998.
      input: '998-1000:998-1000',
      expected: [
        { mode: 'ingress', target: 1000, published: '1000', protocol: 'tcp' },
        { mode: 'ingress', target: 998, published: '998', protocol: 'tcp' },
        { mode: 'ingress', target: 999, published: '999', protocol: 'tcp' },
      ],
    },
  ];
  for (const { input, expected } of cases) it(input, () => deepStrictEqual(parsePortSpec(input, 'x'), expected));
  for (const bad of ['80:80:80:80x', 'a:80', '80-81:90-99', '[::1]:80:80', '70000']) {
    it(`"${bad}" is left to compose`, () => throws(() => parsePortSpec(bad, 'x'), ComposeModelUnsupported));
  }
});

describe('volumes: short syntax into compose-go mounts', () => {
  const cases: Array<{ input: string; expected: object }> = [
    { input: './data:/data:ro', expected: { type: 'bind', source: './data', target: '/data', read_only: true, bind: { create_host_path: true } } },
    { input: 'named:/n', expected: { type: 'volume', source: 'named', target: '/n', volume: {} } },
    { input: '/tmp', expected: { type: 'volume', target: '/tmp', volume: {} } },
    { input: '~/m:/m/:rw,z', expected: { type: 'bind', source: '~/m', target: '/m', bind: { selinux: 'z', create_host_path: true } } },
    { input: 'cache:/c:nocopy', expected: { type: 'volume', source: 'cache', target: '/c', volume: { nocopy: true } } },
  ];
  for (const { input, expected } of cases) it(input, () => deepStrictEqual(volumeSpecToMapping(parseVolumeSpec(input, 'x'), cleanPath), expected));
  for (const bad of ['a:/b:ro:extra', 'c:/data', 'x::/y']) it(`"${bad}" is left to compose`, () => throws(() => parseVolumeSpec(bad, 'x'), ComposeModelUnsupported));
});
