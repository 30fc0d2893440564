// Air-gapped hosts: the runner image travels as an archive (runner save/load) or comes from a private registry.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readSync, rmSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, after } from 'node:test';
import { requireDocker } from '../support/docker-available';
import { REPO, runHarbor } from '../support/run-harbor';

function docker(...args: string[]): { status: number; out: string } {
  const r = spawnSync('docker', args, { encoding: 'utf8' });
  return { status: r.status ?? 1, out: `${r.stdout}${r.stderr}` };
}

async function currentImage(): Promise<string> {
  const r = await runHarbor(['runner', 'image']);
  return r.stdout.trim();
}

const tag = `e2e-${process.pid}`;
const archive = join(REPO, 'var', `runner-${tag}.tar.gz`);
after(() => {
  rmSync(archive, { force: true });
  docker('rmi', `harbor-e2e/loadtest:${tag}`, `127.0.0.1:5000/harbor/runner:${tag}`);
});

describe('air-gapped hosts', () => {
  test('runner save writes a gzip archive that runner load brings back on a host without the image', async (t) => {
    if (!requireDocker(t)) return;
    const image = `harbor-e2e/loadtest:${tag}`;
    assert.equal(docker('tag', await currentImage(), image).status, 0);
    mkdirSync(join(REPO, 'var'), { recursive: true });

    const saved = await runHarbor(['runner', 'save', `var/runner-${tag}.tar.gz`, '--image', image]);
    assert.equal(saved.code, 0, saved.stderr);
    const fd = openSync(archive, 'r');
    const magic = Buffer.alloc(2);
    readSync(fd, magic, 0, 2, 0);
    closeSync(fd);
    assert.deepEqual([...magic], [0x1f, 0x8b], 'not a gzip file');

    assert.equal(docker('rmi', image).status, 0);
    assert.notEqual(docker('image', 'inspect', image).status, 0, 'the image is still there');
    const loaded = await runHarbor(['runner', 'load', archive]);
    assert.equal(loaded.code, 0, loaded.stderr);
    const version = await runHarbor(['--version'], { env: { HARBOR_RUNNER_IMAGE: image } });
    assert.equal(version.code, 0, version.stderr);
    assert.match(version.stdout, /^harbor \d/);
    assert.doesNotMatch(version.stderr, /building|pulling/);
  });

  test('runner save refuses a path outside the home, and leaves no partial file', async (t) => {
    if (!requireDocker(t)) return;
    const r = await runHarbor(['runner', 'save', '/tmp/harbor-runner.tar']);
    assert.equal(r.code, 2);
    // Run from the home: the runner sees only the home, and the refusal comes before docker save starts.
    assert.equal(r.stderr, `✖ /tmp/harbor-runner.tar: outside the folders the runner can see (the Harbor home ${REPO.replace(/\/$/, '')}); nothing was written\n  run harbor from the file's folder (cd /tmp && harbor …) and name the file relative to it\n`);
    assert.equal(existsSync('/tmp/harbor-runner.tar'), false);
  });

  test('runner load of a missing file is a usage error', async () => {
    const r = await runHarbor(['runner', 'load', '/nonexistent.tar']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'harbor: error: runner load: /nonexistent.tar: no such file\n');
  });

  test('HARBOR_RUNNER_IMAGE naming a private registry is pulled when missing', async (t) => {
    if (!requireDocker(t)) return;
    const reachable = await fetch('http://127.0.0.1:5000/v2/').then((r) => r.ok, () => false);
    if (!reachable) {
      if (process.env.CI) assert.fail('no local registry on 127.0.0.1:5000 (run ../shared/docker/provision --registry)');
      t.skip('no local registry on 127.0.0.1:5000');
      return;
    }
    const remote = `127.0.0.1:5000/harbor/runner:${tag}`;
    assert.equal(docker('tag', await currentImage(), remote).status, 0);
    const pushed = docker('push', remote);
    assert.equal(pushed.status, 0, pushed.out);
    assert.equal(docker('rmi', remote).status, 0);

    const r = await runHarbor(['--version'], { env: { HARBOR_RUNNER_IMAGE: remote } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`pulling the runner image ${remote.replace(/[.]/g, '\\.')}`));
    assert.match(r.stdout, /^harbor \d/);
    assert.equal(docker('image', 'inspect', remote).status, 0);
  });
});
