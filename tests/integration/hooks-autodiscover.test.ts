// hooks.autodiscover: stacks/<service>/hooks/<point>.sh of selected services runs only when it is on.
import { deepStrictEqual, equal, match } from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { requireDocker } from '../support/docker-available';
import { runRunner } from '../support/compose-home';

let home = '';
after(async () => home && (await rm(home, { recursive: true, force: true })));

const descriptor = (autodiscover: boolean) => `version: 1
profiles:
  default: { services: [web] }
hooks:
  autodiscover: ${autodiscover}
  post_prepare: [{ run: 'echo declared >> var/run/order.txt' }]
`;

describe('hooks.autodiscover', () => {
  it('off by default; on: the selected services\' <point>.sh after the declared hooks; other services\' not', { timeout: 120_000 }, async (t) => {
    if (!requireDocker(t)) return;
    home = await mkdtemp(join(tmpdir(), 'harbor-hookdisc-'));
    await mkdir(join(home, 'etc/stacks'), { recursive: true });
    await writeFile(join(home, 'etc/stacks/compose.yml'), 'services: {}\n');
    await writeFile(join(home, 'etc/stacks/compose.web.yml'), 'services:\n  web:\n    image: busybox\n');
    await writeFile(join(home, 'etc/stacks/compose.api.yml'), 'services:\n  api:\n    image: busybox\n');
    for (const [service, file] of [['web', 'post_prepare.sh'], ['web', 'post_service_prepare.sh'], ['api', 'post_prepare.sh'], ['web', 'post_prepair.sh']]) {
      await mkdir(join(home, `stacks/${service}/hooks`), { recursive: true });
      await writeFile(join(home, `stacks/${service}/hooks/${file}`), `#!/bin/sh\necho "${service}/${file} $HARBOR_HOOK $HARBOR_SERVICE" >> var/run/order.txt\n`);
      await chmod(join(home, `stacks/${service}/hooks/${file}`), 0o755);
    }
    const read = () => readFile(join(home, 'var/run/order.txt'), 'utf8').catch(() => '');

    await writeFile(join(home, 'etc/harbor.yaml'), descriptor(false));
    const off = await runRunner(home, ['run', 'prepare', '--capabilities', '']);
    equal(off.code, 0, off.stderr);
    equal(await read(), 'declared\n');

    await rm(join(home, 'var/run/order.txt'));
    await writeFile(join(home, 'etc/harbor.yaml'), descriptor(true));
    const dry = await runRunner(home, ['run', 'prepare', '--dry-run', '--capabilities', '']);
    match(dry.stdout, /post_prepare:web\.post_prepare {2}shell stacks\/web\/hooks\/post_prepare\.sh/);
    const on = await runRunner(home, ['run', 'prepare', '--capabilities', '']);
    equal(on.code, 0, on.stderr);
    deepStrictEqual((await read()).trim().split('\n'), ['web/post_service_prepare.sh post_service_prepare web', 'declared', 'web/post_prepare.sh post_prepare web']);
    match(on.stderr, /stacks\/web\/hooks\/post_prepair\.sh is not run: "post_prepair" is no hook point \(did you mean post_prepare\?\)/);
  });
});
