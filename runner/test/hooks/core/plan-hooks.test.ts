import { deepStrictEqual } from 'node:assert/strict';
import { test } from 'node:test';
import { parseHookPoint } from '../../../src/descriptor/core/hook-points';
import type { HooksConfig } from '../../../src/descriptor/core/hooks-schema';
import { describeHook, planPointHooks, type DiscoveredHook } from '../../../src/hooks/core/plan-hooks';

const point = (name: string) => {
  const parsed = parseHookPoint(name, ['backup']);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.point;
};
const config = (hooks: Record<string, unknown>, autodiscover = false): HooksConfig => ({ autodiscover, timeout: 300, ...hooks }) as unknown as HooksConfig;
const discovered: DiscoveredHook[] = [
  { service: 'web', point: 'pre_deploy', script: 'stacks/web/hooks/pre_deploy.sh' },
  { service: 'db', point: 'post_service_up', script: 'stacks/db/hooks/post_service_up.sh' },
  { service: 'other', point: 'pre_deploy', script: 'stacks/other/hooks/pre_deploy.sh' },
];
const labels = (name: string, hooks: Record<string, unknown>, autodiscover = false, env: Record<string, string> = {}) =>
  planPointHooks({ point: point(name), config: config(hooks, autodiscover), services: ['web', 'db'], discovered, env }).map((h) => [h.label, h.origin, h.skip?.value ?? null]);

const cases: Array<{ name: string; actual: () => unknown; expected: unknown }> = [
  {
    name: 'descriptor hooks in list order, default names from their files',
    actual: () => labels('pre_deploy', { pre_deploy: [{ script: 'stacks/db/hooks/migrate.sh' }, { run: 'true' }, { type: 'container', image: 'curlimages/curl:8.8.0', command: ['curl'] }, { type: 'ts_routine', module: 'x/check.ts', name: 'smoke' }] }),
    expected: [
      ['pre_deploy:migrate', 'hooks.pre_deploy[0]', null],
      ['pre_deploy:run', 'hooks.pre_deploy[1]', null],
      ['pre_deploy:curl', 'hooks.pre_deploy[2]', null],
      ['pre_deploy:smoke', 'hooks.pre_deploy[3]', null],
    ],
  },
  {
    name: 'autodiscovered scripts after the descriptor, only for selected services, only when on',
    actual: () => [labels('pre_deploy', { pre_deploy: [{ run: 'true' }] }, true), labels('pre_deploy', {}, false)],
    expected: [[['pre_deploy:run', 'hooks.pre_deploy[0]', null], ['pre_deploy:web.pre_deploy', 'stacks/web/hooks/pre_deploy.sh (autodiscovered)', null]], []],
  },
  {
    name: 'a per-service point: service by service, each its hooks in order; service: narrows',
    actual: () => labels('post_service_up', { post_service_up: [{ run: 'a', name: 'all' }, { run: 'b', name: 'dbonly', service: 'db' }, { run: 'c', name: 'star', service: ['*'] }] }, true),
    expected: [
      ['post_service_up[web]:all', 'hooks.post_service_up[0]', null],
      ['post_service_up[web]:star', 'hooks.post_service_up[2]', null],
      ['post_service_up[db]:all', 'hooks.post_service_up[0]', null],
      ['post_service_up[db]:dbonly', 'hooks.post_service_up[1]', null],
      ['post_service_up[db]:star', 'hooks.post_service_up[2]', null],
      ['post_service_up[db]:db.post_service_up', 'stacks/db/hooks/post_service_up.sh (autodiscovered)', null],
    ],
  },
  {
    name: 'when: as for steps',
    actual: () => labels('pre_backup', { pre_backup: [{ run: 'a', when: '${ON}' }, { run: 'b', name: 'off', when: '${OFF:-no}' }] }, false, { ON: 'yes' }),
    expected: [['pre_backup:run', 'hooks.pre_backup[0]', null], ['pre_backup:off', 'hooks.pre_backup[1]', 'no']],
  },
  {
    name: 'defaults: type shell, the timeout of hooks.timeout unless the hook sets one',
    actual: () => planPointHooks({ point: point('pre_deploy'), config: { ...config({ pre_deploy: [{ run: 'a' }, { run: 'b', timeout: 5 }] }), timeout: 60 } as unknown as HooksConfig, services: [], discovered: [], env: {} }).map((h) => [h.type, h.hook.timeout, h.stage]),
    expected: [['shell', 60, 'deploy'], ['shell', 5, 'deploy']],
  },
  {
    name: 'describeHook says what runs where, and ON THE HOST for host hooks',
    actual: () => planPointHooks({ point: point('pre_deploy'), config: config({ pre_deploy: [{ run: 'echo hi' }, { script: 'a.sh', host: true }, { type: 'container', image: 'busybox' }, { type: 'ts_routine', module: 'c.ts' }] }), services: [], discovered: [], env: {} }).map((h) => describeHook(h, 'runner:1')),
    expected: ['shell sh -c "echo hi" (image runner:1)', 'shell ON THE HOST: a.sh', 'container busybox (its own command)', "ts_routine c.ts (runner's Node, image runner:1)"],
  },
];

for (const c of cases) test(`planPointHooks: ${c.name}`, () => deepStrictEqual(c.actual(), c.expected));
