// The runner image's source build, the one every new user's first `./harbor.sh` runs, tested as far as this
// machine allows: docker exports exactly the build context it sends for Dockerfile.runner (.dockerignore
// applied by docker itself), and the source stage's own steps are replayed on it, in order, on the host with
// the host's npm cache standing in for the download (containers here cannot reach the npm registry). The
// bundle that gives must be byte-identical to `npm run build` in the checkout, and the image must name it.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { requireDocker } from '../support/docker-available';
import { hostToolEnv, parseStage, replayStage } from '../support/dockerfile-stage';
import { REPO, runHarbor } from '../support/run-harbor';

const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `harbor-ctx-${prefix}-`));
  dirs.push(dir);
  return dir;
}

/** The build context docker sends for Dockerfile.runner in `home`: its `context` stage, exported. */
function exportContext(home: string): string {
  const out = tempDir('context');
  const r = spawnSync('docker', ['build', '-q', '-f', join(home, 'Dockerfile.runner'), '--target', 'context', '--output', `type=local,dest=${out}`, home], {
    env: { ...process.env, DOCKER_BUILDKIT: '1' },
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, `exporting the build context failed: ${r.stderr}`);
  return out;
}

function files(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Array<{ isFile(): boolean; parentPath?: string; path?: string; name: string }>)
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? e.path ?? dir, e.name)))
    .sort();
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const lockedEsbuild = () => (JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> }).packages['node_modules/esbuild']!.version;
const sourceStage = () => parseStage(readFileSync(join(REPO, 'Dockerfile.runner'), 'utf8'), 'bundle-source');
// npm downloads from the host's cache (filled by the host's own `npm ci`), going to the registry only for
// what it lacks.
const NPM_ENV = { npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };

describe('the runner image built from source (BUNDLE_FROM=source)', () => {
  test('the source stage, replayed on the exported build context, gives the bundle `npm run build` makes in the checkout', async (t) => {
    if (!requireDocker(t)) return;
    const context = exportContext(REPO);
    const inContext = files(context);
    // A small context: never the checkout's node_modules, .git or var/.
    assert.ok(!inContext.some((f) => /^(node_modules|\.git|var)\//.test(f)), `the context holds ${inContext.filter((f) => /^(node_modules|\.git|var)\//.test(f)).slice(0, 3).join(', ')}`);
    // Every file the image is built from is in the shim's source hash, so changing it rebuilds the image
    // (the host bundle is made from those sources).
    const runnerFiles = /^RUNNER_FILES='([^']*)'$/m.exec(readFileSync(join(REPO, 'harbor.sh'), 'utf8'))?.[1]?.split(' ') ?? [];
    const unhashed = inContext.filter((f) => !runnerFiles.includes(f) && !f.startsWith('runner/src/') && f !== 'runner/dist/harbor.cjs');
    assert.deepEqual(unhashed, [], 'files in the build context that harbor.sh does not hash (add them to RUNNER_FILES)');

    const work = tempDir('replay');
    const r = replayStage(sourceStage(), context, work, NPM_ENV);
    assert.ok(r.ok, r.ok ? '' : `the source stage failed at \`${r.failed}\`:\n${r.output}`);
    assert.ok(r.steps.some((s) => s.startsWith('RUN ')), `the source stage ran nothing: ${r.steps.join(' | ')}`);

    // The same esbuild as the lockfile pins, in the replay and in the checkout.
    const esbuild = (root: string) => (JSON.parse(readFileSync(join(root, 'node_modules/esbuild/package.json'), 'utf8')) as { version: string }).version;
    assert.deepEqual([esbuild(work), esbuild(REPO)], [lockedEsbuild(), lockedEsbuild()]);

    const build = spawnSync('npm', ['run', 'build'], { cwd: REPO, env: hostToolEnv(), encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    const fromSource = readFileSync(join(work, 'runner/dist/harbor.cjs'));
    const fromCheckout = readFileSync(join(REPO, 'runner/dist/harbor.cjs'));
    assert.ok(fromSource.equals(fromCheckout), `the source build's bundle (sha256 ${sha256(join(work, 'runner/dist/harbor.cjs'))}) differs from npm run build's (sha256 ${sha256(join(REPO, 'runner/dist/harbor.cjs'))})`);
    // Nothing of the machine in it: not the checkout's path, nor the replay's, nor a user name.
    for (const leak of [REPO.replace(/\/$/, ''), work, tmpdir()]) assert.ok(!fromCheckout.includes(leak), `the bundle holds the path ${leak}`);
  });

  const missing: Array<{ name: string; unlisted: string; failsAt: RegExp; says: RegExp }> = [
    { name: 'the lockfile', unlisted: '!package-lock.json', failsAt: /^RUN .*runner\/bundle\.sh$/, says: /package-lock\.json/ },
    { name: 'the build steps', unlisted: '!runner/bundle.sh', failsAt: /^RUN .*runner\/bundle\.sh$/, says: /runner\/bundle\.sh/ },
  ];
  for (const c of missing) {
    test(`a build context without ${c.name} fails the replay at the step that needs it`, async (t) => {
      if (!requireDocker(t)) return;
      // A home whose .dockerignore leaves the file out, with the real context's other files.
      const home = tempDir('home');
      cpSync(exportContext(REPO), home, { recursive: true });
      cpSync(join(REPO, 'Dockerfile.runner'), join(home, 'Dockerfile.runner'));
      const ignore = readFileSync(join(REPO, '.dockerignore'), 'utf8');
      assert.ok(ignore.split('\n').includes(c.unlisted), `.dockerignore has no line ${c.unlisted}`);
      writeFileSync(join(home, '.dockerignore'), ignore.split('\n').filter((l) => l !== c.unlisted).join('\n'));
      const context = exportContext(home);
      const r = replayStage(sourceStage(), context, tempDir('replay'), NPM_ENV);
      assert.equal(r.ok, false, 'the replay passed without the file');
      if (r.ok) return;
      assert.match(r.failed, c.failsAt);
      assert.match(r.output, c.says);
    });
  }

  test('the image is labelled with the sha256 of its bundle, and doctor shows it', async (t) => {
    if (!requireDocker(t)) return;
    const image = `harbor-runner:${VERSION}`;
    const label = spawnSync('docker', ['image', 'inspect', '--format', '{{ index .Config.Labels "io.harbor.bundle-sha256" }}', image], { encoding: 'utf8' });
    const inImage = spawnSync('docker', ['run', '--rm', '--network', 'none', '--entrypoint', 'sha256sum', image, '/opt/harbor/harbor.cjs'], { encoding: 'utf8' });
    assert.equal(inImage.status, 0, inImage.stderr);
    const hash = inImage.stdout.split(' ')[0]!;
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.equal(label.stdout.trim(), hash);
    // The test image is built from the checkout's own bundle (HARBOR_BUNDLE_FROM=host).
    if (process.env.HARBOR_BUNDLE_FROM === 'host') assert.equal(hash, sha256(join(REPO, 'runner/dist/harbor.cjs')));

    const doctor = await runHarbor(['doctor', '--json']);
    const checks = (JSON.parse(doctor.stdout) as { checks: Array<{ name: string; status: string; message: string }> }).checks;
    assert.deepEqual(checks.find((c) => c.name === 'bundle'), { name: 'bundle', status: 'ok', message: `sha256 ${hash} (as the image's io.harbor.bundle-sha256 label records)` });
  });

  test('an image build whose bundle hash is not the bundle\'s fails, so the label cannot lie', async (t) => {
    if (!requireDocker(t)) return;
    if (!existsSync(join(REPO, 'runner/dist/harbor.cjs'))) assert.fail('runner/dist/harbor.cjs is missing: run npm run build');
    const args = ['build', '-q', '-f', join(REPO, 'Dockerfile.runner'), '--build-arg', 'BUNDLE_FROM=host', '--build-arg', `HARBOR_BUNDLE_SHA256=${'0'.repeat(64)}`, '--build-arg', 'RUNNER_PACKAGES='];
    if (process.env.HARBOR_NODE_IMAGE) args.push('--build-arg', `NODE_IMAGE=${process.env.HARBOR_NODE_IMAGE}`);
    if (process.env.HARBOR_DOCKER_CLI_IMAGE) args.push('--build-arg', `DOCKER_CLI_IMAGE=${process.env.HARBOR_DOCKER_CLI_IMAGE}`);
    const r = spawnSync('docker', [...args, REPO], { env: { ...process.env, DOCKER_BUILDKIT: '1' }, encoding: 'utf8' });
    assert.notEqual(r.status, 0, 'the build passed with a wrong bundle hash');
    assert.match(r.stderr, /HARBOR_BUNDLE_SHA256.*sha256sum -c/);
  });

  // Node 24 is the default base; users may set HARBOR_NODE_IMAGE to a Node 20 image, so boot.cjs must serve both.
  for (const image of ['harbor-ci/node:20', 'harbor-ci/node:24']) {
    test(`the bundle starts through boot.cjs and its code cache on ${image}`, async (t) => {
      if (!requireDocker(t)) return;
      if (spawnSync('docker', ['image', 'inspect', image], { stdio: 'ignore' }).status !== 0) return t.skip(`${image} is not on this machine`);
      const dir = tempDir('boot');
      cpSync(join(REPO, 'runner/dist/harbor.cjs'), join(dir, 'harbor.cjs'));
      cpSync(join(REPO, 'runner/boot.cjs'), join(dir, 'boot.cjs'));
      writeFileSync(join(dir, 'probe.cjs'), "process.on('exit', () => process.stderr.write('code cache: ' + globalThis.__harborCodeCache + '\\n'));");
      const script = 'node /b/boot.cjs --write-code-cache >/dev/null && node --require /b/probe.cjs /b/boot.cjs --version';
      const user = `${process.getuid?.() ?? 0}:${process.getgid?.() ?? 0}`;
      const r = spawnSync('docker', ['run', '--rm', '--network', 'none', '--user', user, '-v', `${dir}:/b`, '--entrypoint', 'sh', image, '-c', script], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, `harbor ${VERSION}\n`);
      assert.match(r.stderr, /code cache: used/);
    });
  }
});
