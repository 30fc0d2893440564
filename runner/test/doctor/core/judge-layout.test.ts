import { deepStrictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judgeLayout } from '../../../src/doctor/core/judge-layout';

describe('judgeLayout', () => {
  it('says which and why', () => {
    deepStrictEqual(judgeLayout({ kind: 'v1', reason: 'R' }), { name: 'layout', status: 'ok', message: "Harbor v1's layout (compose files in services/, .env as the sys layer): R" });
  });
  it('a descriptor that does not load is an error with its hint', () => {
    deepStrictEqual(judgeLayout({ error: 'etc/harbor.yaml:1:1: bad', hint: 'fix it' }), { name: 'layout', status: 'error', message: 'etc/harbor.yaml:1:1: bad', hint: 'fix it' });
  });
});
