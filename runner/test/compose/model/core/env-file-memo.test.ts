import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildComposeModel } from '../../../../src/compose/model/core/build-compose-model';
import { parseEnvFileOnce, type EnvFileMemo } from '../../../../src/compose/model/core/env-file-memo';

const values = (entries: readonly { key: string; value: string }[]): Record<string, string> => Object.fromEntries(entries.map((e) => [e.key, e.value]));

describe('parseEnvFileOnce: a remembered parse is reused only when a fresh one would give the same entries', () => {
  const cases: Array<{ name: string; first: [string, Record<string, string>]; then: [string, Record<string, string>]; expect: Record<string, string>; reused: boolean }> = [
    { name: 'same text, no lookup', first: ['A=1', {}], then: ['A=1', { X: 'y' }], expect: { A: '1' }, reused: true },
    { name: 'same text, same answers', first: ['A=${X}', { X: '1' }], then: ['A=${X}', { X: '1', Y: '2' }], expect: { A: '1' }, reused: true },
    { name: 'same text, another answer', first: ['A=${X}', { X: '1' }], then: ['A=${X}', { X: '2' }], expect: { A: '2' }, reused: false },
    { name: 'a variable now unset', first: ['A=${X:-d}', { X: '1' }], then: ['A=${X:-d}', {}], expect: { A: 'd' }, reused: false },
    { name: 'a bare key now set', first: ['K\n', {}], then: ['K\n', { K: 'v' }], expect: { K: 'v' }, reused: false },
    { name: 'another text', first: ['A=1', {}], then: ['A=2', {}], expect: { A: '2' }, reused: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const memo: EnvFileMemo = new Map();
      const first = parseEnvFileOnce(memo, '/h/.env', c.first[0], (n) => c.first[1][n]);
      const then = parseEnvFileOnce(memo, '/h/.env', c.then[0], (n) => c.then[1][n]);
      deepStrictEqual(values(then), c.expect);
      strictEqual(then === first, c.reused);
    });
  }

  it('in a build, a shared env file interpolates from each service\'s own earlier env files', () => {
    const files: Record<string, string> = {
      '/h/compose.yml': 'services:\n  a:\n    image: x\n    env_file: [a.env, shared.env]\n  b:\n    image: x\n    env_file: [b.env, shared.env]\n  c:\n    image: x\n    env_file: [shared.env]\n',
      '/h/a.env': 'WHO=a\n',
      '/h/b.env': 'WHO=b\n',
      '/h/shared.env': 'GREETING=hi ${WHO:-nobody}\n',
    };
    const model = buildComposeModel({ files: ['/h/compose.yml'], projectName: 'p', projectDir: '/h', env: {}, home: '/root', profiles: [], readFile: (p) => files[p] });
    const env = (name: string): unknown => ((model.services as Record<string, { environment: unknown }>)[name]!.environment as Record<string, string>).GREETING;
    deepStrictEqual([env('a'), env('b'), env('c')], ['hi a', 'hi b', 'hi nobody']);
  });
});
