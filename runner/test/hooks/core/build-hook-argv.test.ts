import { deepStrictEqual } from 'node:assert/strict';
import { test } from 'node:test';
import { buildHookContainerArgv } from '../../../src/hooks/core/build-hook-argv';
import { parseHookPoint } from '../../../src/descriptor/core/hook-points';
import type { HooksConfig } from '../../../src/descriptor/core/hooks-schema';
import { planPointHooks } from '../../../src/hooks/core/plan-hooks';

function planned(hook: Record<string, unknown>) {
  const parsed = parseHookPoint('pre_deploy', []);
  if (!parsed.ok) throw new Error(parsed.message);
  return planPointHooks({ point: parsed.point, config: { autodiscover: false, timeout: 300, pre_deploy: [hook] } as unknown as HooksConfig, services: [], discovered: [], env: {} })[0]!;
}
const argv = (hook: Record<string, unknown>, network?: string) =>
  buildHookContainerArgv({ planned: planned(hook), containerName: 'harbor-hook-demo-1', project: 'demo', home: '/h', runnerImage: 'runner:1', network, user: '1000:1000', envNames: ['HARBOR_HOOK', 'API_TOKEN'] });
const common = ['docker', 'run', '--rm', '--init', '--name', 'harbor-hook-demo-1', '--label', 'io.harbor.hook=pre_deploy:', '--label', 'io.harbor.project=demo'];
const mounts = ['-v', '/h:/h:ro', '-v', '/h/var/run:/h/var/run', '-e', 'HARBOR_HOOK', '-e', 'API_TOKEN'];
const label = (name: string) => common.map((w) => (w === 'io.harbor.hook=pre_deploy:' ? `io.harbor.hook=pre_deploy:${name}` : w));

const cases = [
  { name: 'inline run: sh -c in the runner image, as the user, in the home, on the network', actual: argv({ run: 'echo hi' }, 'demo_harbor-network'), expected: [...label('run'), '--network', 'demo_harbor-network', '--user', '1000:1000', '-w', '/h', ...mounts, '--entrypoint', '/bin/sh', 'runner:1', '-c', 'echo hi'] },
  { name: 'a script runs by its #! line, in its image', actual: argv({ script: 'stacks/db/hooks/migrate.sh', image: 'postgres:16' }), expected: [...label('migrate'), '--user', '1000:1000', '-w', '/h', ...mounts, '--entrypoint', '/h/stacks/db/hooks/migrate.sh', 'postgres:16'] },
  { name: 'a container keeps its image user, workdir and entrypoint', actual: argv({ type: 'container', image: 'busybox', command: ['wget', 'http://web/'] }), expected: [...label('busybox'), ...mounts, 'busybox', 'wget', 'http://web/'] },
  { name: 'a ts_routine: the runner image with stdin open for its answers', actual: argv({ type: 'ts_routine', module: 'x/check.ts' }), expected: [...label('check'), '-i', '--user', '1000:1000', '-w', '/h', ...mounts, 'runner:1', '__hook-routine', '/h/x/check.ts'] },
];

for (const c of cases) test(`buildHookContainerArgv: ${c.name}`, () => deepStrictEqual(c.actual, c.expected));
