import { deepStrictEqual } from 'node:assert/strict';
import { test } from 'node:test';
import { listHookPoints, parseHookPoint } from '../../../src/descriptor/core/hook-points';

const cases: Array<{ name: string; input: [string, string[]]; expected: ReturnType<typeof parseHookPoint> }> = [
  { name: 'a global point', input: ['pre_deploy', []], expected: { ok: true, point: { name: 'pre_deploy', stage: 'deploy', perService: false } } },
  { name: 'source', input: ['post_source', []], expected: { ok: true, point: { name: 'post_source', stage: 'source', perService: false } } },
  { name: 'a per-service prepare point', input: ['pre_service_prepare', []], expected: { ok: true, point: { name: 'pre_service_prepare', stage: 'prepare', perService: true } } },
  { name: 'post_service_up belongs to deploy', input: ['post_service_up', []], expected: { ok: true, point: { name: 'post_service_up', stage: 'deploy', perService: true } } },
  { name: 'a custom stage', input: ['pre_backup', ['backup']], expected: { ok: true, point: { name: 'pre_backup', stage: 'backup', perService: false } } },
  { name: 'a typo gets the nearest name', input: ['pre_deplyo', []], expected: { ok: false, message: 'unknown hook point "pre_deplyo" (did you mean pre_deploy?)' } },
  { name: 'a custom stage typo', input: ['post_bakup', ['backup']], expected: { ok: false, message: 'unknown hook point "post_bakup" (did you mean post_backup?)' } },
  {
    name: 'no stage of that name, nothing near',
    input: ['pre_nightly_backup', []],
    expected: { ok: false, message: `unknown hook point "pre_nightly_backup" (no stage "nightly_backup" under stages:); the points are ${listHookPoints([]).join(', ')}` },
  },
];

for (const c of cases) test(`parseHookPoint: ${c.name}`, () => deepStrictEqual(parseHookPoint(...c.input), c.expected));

test('listHookPoints: built-in points, then pre_/post_ of each custom stage', () => {
  deepStrictEqual(listHookPoints(['backup']).slice(-2), ['pre_backup', 'post_backup']);
  deepStrictEqual(listHookPoints([]).length, 12);
});
