import { deepStrictEqual } from 'node:assert/strict';
import { test } from 'node:test';
import { checkHooks } from '../../../src/descriptor/core/check-hooks';

const cases: Array<{ name: string; hooks: unknown; stages?: unknown; expected: Array<{ path: Array<string | number>; atKey: boolean; message: string }> }> = [
  { name: 'valid hooks of every type', hooks: { autodiscover: true, timeout: 60, pre_deploy: [{ script: 'stacks/db/hooks/migrate.sh' }, { run: 'true', host: true }, { type: 'container', image: 'busybox', command: ['true'] }, { type: 'ts_routine', module: 'hooks/check.ts' }], post_service_up: [{ run: 'true', service: 'web' }] }, expected: [] },
  { name: 'an unknown point, at its key', hooks: { post_deplyo: [] }, expected: [{ path: ['hooks', 'post_deplyo'], atKey: true, message: 'unknown hook point "post_deplyo" (did you mean post_deploy?)' }] },
  { name: 'a custom stage point', hooks: { pre_backup: [{ run: 'true' }] }, stages: { backup: { steps: [] } }, expected: [] },
  { name: 'shell with neither script nor run', hooks: { pre_deploy: [{ name: 'x' }] }, expected: [{ path: ['hooks', 'pre_deploy', 0], atKey: false, message: 'a shell hook needs script: (a file in the home) or run: (an inline script); image: and command: is type: container' }] },
  { name: 'shell with both', hooks: { pre_deploy: [{ script: 'a.sh', run: 'true' }] }, expected: [{ path: ['hooks', 'pre_deploy', 0, 'run'], atKey: false, message: 'give script: or run:, not both' }] },
  { name: 'host with an image', hooks: { pre_deploy: [{ run: 'true', host: true, image: 'x' }] }, expected: [{ path: ['hooks', 'pre_deploy', 0, 'image'], atKey: true, message: 'a host: true hook runs on the host, not in an image: drop image:' }] },
  { name: 'container without image', hooks: { pre_deploy: [{ type: 'container', command: ['true'] }] }, expected: [{ path: ['hooks', 'pre_deploy', 0], atKey: false, message: 'a container hook needs image: (and usually command:)' }] },
  { name: 'a key of another type', hooks: { pre_deploy: [{ type: 'container', image: 'x', script: 'a.sh' }] }, expected: [{ path: ['hooks', 'pre_deploy', 0, 'script'], atKey: true, message: 'a container hook takes no script: (image: and command:)' }] },
  { name: 'ts_routine with a bad extension', hooks: { pre_deploy: [{ type: 'ts_routine', module: 'check.py' }] }, expected: [{ path: ['hooks', 'pre_deploy', 0, 'module'], atKey: false, message: 'must be a .ts, .mts, .cts, .js, .mjs, .cjs file' }] },
  { name: 'a path outside the home', hooks: { pre_deploy: [{ script: '../x.sh' }, { script: '/etc/x.sh' }] }, expected: [
    { path: ['hooks', 'pre_deploy', 0, 'script'], atKey: false, message: 'must be a path inside the Harbor home, relative to it (e.g. stacks/db/hooks/migrate.sh)' },
    { path: ['hooks', 'pre_deploy', 1, 'script'], atKey: false, message: 'must be a path inside the Harbor home, relative to it (e.g. stacks/db/hooks/migrate.sh)' },
  ] },
  { name: 'service: on a global point', hooks: { pre_deploy: [{ run: 'true', service: 'web' }] }, expected: [{ path: ['hooks', 'pre_deploy', 0, 'service'], atKey: true, message: 'service: is only for the per-service points (pre_service_prepare, post_service_prepare, pre_service_up, post_service_up)' }] },
  { name: 'a when: that cannot be read', hooks: { pre_deploy: [{ run: 'true', when: '${A:?x}' }] }, expected: [{ path: ['hooks', 'pre_deploy', 0, 'when'], atKey: false, message: 'cannot read "${A:?x}": use ${VAR}, ${VAR:-default}, $VAR or $$' }] },
  { name: 'an unknown type is left to the schema', hooks: { pre_deploy: [{ type: 'shel', run: 'true' }] }, expected: [] },
];

for (const c of cases) {
  test(`checkHooks: ${c.name}`, () => deepStrictEqual(checkHooks({ version: 1, hooks: c.hooks, ...(c.stages ? { stages: c.stages } : {}) }), c.expected));
}
