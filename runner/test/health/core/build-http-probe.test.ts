import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { buildHttpProbeArgv, parseHttpProbeAnswer, selectProbeNetwork } from '../../../src/health/core/build-http-probe';

describe('selectProbeNetwork', () => {
  const nets: Array<[string, string]> = [['p_default', 'default'], ['p_harbor-network', 'harbor-network'], ['p_back', 'back']];
  const cases = [
    { name: 'harbor-network first', networks: nets, wanted: undefined, expected: 'p_harbor-network' },
    { name: 'then default', networks: nets.filter(([, k]) => k !== 'harbor-network'), wanted: undefined, expected: 'p_default' },
    { name: 'the only one', networks: [nets[2]!], wanted: undefined, expected: 'p_back' },
    { name: 'several, none of the usual: undecided', networks: [nets[2]!, ['p_x', 'x'] as [string, string]], wanted: undefined, expected: undefined },
    { name: 'by compose key', networks: nets, wanted: 'back', expected: 'p_back' },
    { name: 'by docker name', networks: nets, wanted: 'p_default', expected: 'p_default' },
    { name: 'unknown wanted', networks: nets, wanted: 'nope', expected: undefined },
  ];
  for (const c of cases) test(c.name, () => assert.equal(selectProbeNetwork(c.networks, c.wanted), c.expected));
});

describe('buildHttpProbeArgv and parseHttpProbeAnswer', () => {
  test('a throwaway container on the network, node running the script with url, status, timeout', () => {
    assert.deepEqual(buildHttpProbeArgv({ url: 'http://hello/', status: 204, timeout: 5, network: 'p_n', image: 'img:1' }, 'SCRIPT'), [
      'docker', 'run', '--rm', '--network', 'p_n', '--label', 'io.harbor.probe=http.check', '--entrypoint', 'node', 'img:1', '-e', 'SCRIPT', 'http://hello/', '204', '5',
    ]);
  });
  const cases = [
    { stdout: '{"ok":true,"status":200,"tries":1}\n', expected: { ok: true, status: 200, tries: 1 } },
    { stdout: 'noise\n{"ok":false,"status":0,"error":"ENOTFOUND","tries":3}\n', expected: { ok: false, status: 0, error: 'ENOTFOUND', tries: 3 } },
    { stdout: '', expected: undefined },
    { stdout: 'Unable to find image\n', expected: undefined },
  ];
  for (const c of cases) test(`answer ${JSON.stringify(c.stdout)}`, () => assert.deepEqual(parseHttpProbeAnswer(c.stdout), c.expected));
});
