// Bad prepare inputs during `harbor deploy`, on the real engine: the exact error and exit code, no container of the
// project started, and the var/run/ an earlier deploy left (rendered config, overlay, env state) unchanged.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { dockerAnswers, requireDocker } from '../support/docker-available';
import { makeExampleHome, projectTraces, removeExampleHome, runRunner } from '../support/compose-home';
import { snapshotTree } from '../support/snapshot-tree';

const example = makeExampleHome();
after(() => removeExampleHome(example));
const { home, project } = example;
const DESCRIPTOR = readFileSync(join(home, 'etc/harbor.yaml'), 'utf8');

function put(path: string, text: string): void {
  mkdirSync(dirname(join(home, path)), { recursive: true });
  writeFileSync(join(home, path), text);
}

const TEMPLATE = 'stacks/hello/templates/motd.txt.tmpl';
put(TEMPLATE, 'motd: ${HELLO_MOTD:-none}\n');

// One good deploy and destroy first: var/run/ then holds what a failed deploy must not touch.
before(async () => {
  if (!dockerAnswers()) return;
  for (const args of [['deploy'], ['destroy', '--volumes']]) {
    const r = await runRunner(home, args);
    assert.equal(r.code, 0, r.stderr);
  }
});

const cases: Array<{ name: string; files: Record<string, string | null>; code: number; stderr: string }> = [
  {
    name: 'a missing required env file',
    files: { 'etc/harbor.yaml': DESCRIPTOR.replace('- { type: dotenv, file: .env.local, optional: true }', '- { type: dotenv, file: etc/team.env }') },
    code: 4,
    stderr: '✖ env layer "dotenv": etc/team.env does not exist\n  create it, or mark the source optional (prepare.env.sources[3].optional: true)\n',
  },
  {
    name: 'an invalid dotenv line',
    files: { 'etc/sys.env': 'HELLO_MOTD=hi\nBAD KEY=1\n' },
    code: 4,
    stderr: '✖ etc/sys.env:2: key "BAD KEY" cannot contain a space\n  remove the space, or quote the value after the =\n',
  },
  {
    name: 'a reference cycle',
    files: { 'etc/sys.env': 'A=${B}\nB=${A}\n' },
    code: 4,
    stderr:
      '✖ env reference cycle: A (etc/sys.env:1) uses B (etc/sys.env:2) uses A (etc/sys.env:1)\n  env files are read top to bottom (as Compose reads them), so one of these would be empty: give one of them a value that does not use the other\n',
  },
  {
    name: 'a template `to:` escaping the home',
    files: { 'etc/harbor.yaml': DESCRIPTOR.replace('to: "var/run/${service}/config/"', 'to: "../../etc/"') },
    code: 3,
    stderr: '✖ prepare.templates[0].to: "../../etc/" is outside var/run/\n  templates are rendered below var/run/ in the home, e.g. var/run/${service}/config/\n',
  },
  {
    name: 'an undefined variable in a template',
    files: { [TEMPLATE]: 'motd: ${HELLO_MOTD:-none} on ${HOST_NAME}\n' },
    code: 4,
    stderr: '✖ stacks/hello/templates/motd.txt.tmpl:1:30: undefined variable HOST_NAME\n  set HOST_NAME in an env layer or in prepare.interpolation.values.extra, or give it a default: ${HOST_NAME:-value}\n',
  },
];

for (const c of cases) {
  test(`deploy with ${c.name}: exact error, nothing started, var/run unchanged`, async (t) => {
    if (!requireDocker(t)) return;
    const originals = Object.fromEntries(Object.keys(c.files).map((p) => [p, existsSync(join(home, p)) ? readFileSync(join(home, p), 'utf8') : null]));
    for (const [path, text] of Object.entries(c.files)) if (text !== null) put(path, text);
    try {
      // var/run/.harbor/ is Harbor's lock folder: a run that takes the lock changes the folder's mtime, nothing else.
      const before = snapshotTree(home, ['var/run/.harbor']);
      const state = readFileSync(join(home, 'var/run/.harbor/env-state.json'), 'utf8');
      const r = await runRunner(home, ['deploy']);
      assert.deepStrictEqual({ code: r.code, stdout: r.stdout, stderr: r.stderr }, { code: c.code, stdout: '', stderr: c.stderr });
      assert.deepStrictEqual(projectTraces(project), { containers: [], networks: [], volumes: [] }, 'nothing started');
      assert.deepStrictEqual(snapshotTree(home, ['var/run/.harbor']), before, 'nothing written or lost');
      assert.deepStrictEqual([readFileSync(join(home, 'var/run/.harbor/env-state.json'), 'utf8'), existsSync(join(home, 'var/run/.harbor/lock'))], [state, false]);
    } finally {
      for (const [path, text] of Object.entries(originals)) {
        if (text === null) rmSync(join(home, path), { force: true });
        else put(path, text);
      }
    }
  });
}

test('the earlier deploy left what these cases protect', (t) => {
  if (!requireDocker(t)) return;
  assert.deepStrictEqual(
    [readFileSync(join(home, 'var/run/hello/config/motd.txt'), 'utf8'), existsSync(join(home, 'var/run/overlays/harbor.gen.yml'))],
    ['motd: none\n', true],
  );
});
