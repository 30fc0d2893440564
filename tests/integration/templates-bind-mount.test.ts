// On the real engine: rendered config folders stay valid under running containers' bind mounts, and the
// per-service config hash in a label makes `docker compose up` recreate only the services whose config changed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createConsola } from 'consola';
import { runPrepareTemplates } from '../../runner/src/templates/run-prepare-templates';
import { requireDocker } from '../support/docker-available';

const IMAGE = 'harbor-ci/debian:bookworm';
const root = await mkdtemp(join(tmpdir(), 'harbor-mount-'));
after(() => rm(root, { recursive: true, force: true }));
const log = createConsola({ level: 0 });

function docker(args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync('docker', args, { encoding: 'utf8', env: { ...process.env, ...env } });
  assert.equal(r.status, 0, `docker ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

function put(home: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(home, path)), { recursive: true });
    writeFileSync(join(home, path), text);
  }
}

const prepare = (home: string, values: Record<string, string>) =>
  runPrepareTemplates({ home, log }, {
    templates: [{ from: 'stacks/${service}/templates/**', to: 'var/run/${service}/config/', secrets: false }],
    interpolation: { engine: 'envsubst', values: { fromEnv: true, extra: {} } },
    env: { values: new Map(Object.entries(values)), secretNames: new Set() },
    services: ['web', 'db'],
  });

describe('rendered config under bind mounts (real engine)', () => {
  it('a running container keeps a valid mount and sees changes; a whole-folder swap would have hidden them', async (t) => {
    if (!requireDocker(t)) return;
    const home = join(root, 'mount');
    put(home, { 'stacks/web/templates/app.conf.tmpl': 'greeting=${GREETING}\n', 'stacks/db/templates/init.sql.tmpl': 'CREATE DATABASE ${DB};\n' });
    await prepare(home, { GREETING: 'hello', DB: 'one' });
    const name = `harbor-tpl-mount-${process.pid}`;
    docker(['run', '-d', '--name', name, '-v', `${home}/var/run/web/config:/config:ro`, '-v', `${home}/var/run/db/config:/dbconfig:ro`, IMAGE, 'sleep', '300']);
    try {
      const inContainer = (cmd: string) => docker(['exec', name, 'sh', '-c', cmd]);
      const webInode = inContainer('stat -c %i /config/app.conf');
      await prepare(home, { GREETING: 'hello', DB: 'two' });
      assert.deepStrictEqual([inContainer('cat /dbconfig/init.sql'), inContainer('stat -c %i /config/app.conf')], ['CREATE DATABASE two;', webInode]);
      await prepare(home, { GREETING: 'bonjour', DB: 'two' });
      assert.equal(inContainer('cat /config/app.conf'), 'greeting=bonjour');
      // What ARCHITECTURE.md's "one rename" of the folder would do: the container stays on the old, deleted folder.
      put(home, { 'var/run/web/config.new/app.conf': 'greeting=swapped\n' });
      renameSync(join(home, 'var/run/web/config'), join(home, 'var/run/web/config.old'));
      renameSync(join(home, 'var/run/web/config.new'), join(home, 'var/run/web/config'));
      assert.equal(inContainer('cat /config/app.conf'), 'greeting=bonjour');
    } finally {
      spawnSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
    }
  });

  it('harbor.config-hash labels: compose up recreates only the service whose config changed', async (t) => {
    if (!requireDocker(t)) return;
    const home = join(root, 'hash');
    const project = `harbor-tpl-hash-${process.pid}`;
    put(home, {
      'stacks/web/templates/app.conf.tmpl': 'greeting=${GREETING}\n',
      'stacks/db/templates/init.sql.tmpl': 'CREATE DATABASE ${DB};\n',
      'compose.yml': [
        'services:',
        ...['web', 'db'].flatMap((s) => [
          `  ${s}:`,
          `    image: ${IMAGE}`,
          '    command: ["sleep", "300"]',
          `    volumes: ["./var/run/${s}/config:/config:ro"]`,
          `    labels: { harbor.config-hash: "\${${s.toUpperCase()}_HASH}" }`,
        ]),
        '',
      ].join('\n'),
    });
    const up = (hashes: Record<string, string>) =>
      docker(['compose', '-p', project, '--project-directory', home, '-f', join(home, 'compose.yml'), 'up', '-d', '--quiet-pull'], { WEB_HASH: hashes.web!, DB_HASH: hashes.db! });
    const ids = () => ['web', 'db'].map((s) => docker(['compose', '-p', project, '--project-directory', home, '-f', join(home, 'compose.yml'), 'ps', '-q', s]));
    try {
      const first = await prepare(home, { GREETING: 'hello', DB: 'one' });
      up(first.configHashes);
      const [web1, db1] = ids();
      const second = await prepare(home, { GREETING: 'bonjour', DB: 'one' });
      assert.deepStrictEqual([second.configHashes.db === first.configHashes.db, second.configHashes.web === first.configHashes.web], [true, false]);
      up(second.configHashes);
      const [web2, db2] = ids();
      assert.notEqual(web2, web1, 'web was recreated');
      assert.equal(db2, db1, 'db kept its container');
      assert.equal(docker(['exec', web2!, 'cat', '/config/app.conf']), 'greeting=bonjour');
    } finally {
      spawnSync('docker', ['compose', '-p', project, '--project-directory', home, '-f', join(home, 'compose.yml'), 'down', '-v', '--remove-orphans', '-t', '0'], { stdio: 'ignore', env: { ...process.env, WEB_HASH: 'x', DB_HASH: 'x' } });
    }
  });
});
