// harbor.sh checks the engine before the runner image (issue 18): each way the engine can fail to answer,
// through ./harbor.sh on the real engine with no node on PATH, and the normal path with no extra call.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { requireDocker } from '../support/docker-available';
import { hostOnlyPath, recordedCalls, recordingDockerPath, recordingToolsPath } from '../support/host-path';
import { requireRoot, requireTools } from '../support/host-tools';
import { REPO, SHIM, runHarbor } from '../support/run-harbor';

const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
const IMAGE = `harbor-runner:${VERSION}`;
const DEFAULT_SOCKET = '/var/run/docker.sock';
/** What the shim says about the default socket when it suggests going back to it. */
const DEFAULT_NOTE = existsSync(DEFAULT_SOCKET) ? `(${DEFAULT_SOCKET}, which exists)` : `(${DEFAULT_SOCKET}, not there either)`;
const GONE = '/nonexistent/harbor-t18.sock';
const scratch = mkdtempSync(join(tmpdir(), 'harbor-t18-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

interface Report {
  ok: boolean;
  checks: Array<{ name: string; status: string; message: string; hint?: string }>;
}

/** A TCP port on 127.0.0.1 that nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A docker client config folder (DOCKER_CONFIG) holding one context, harbor-t18, made current. */
function configWithContext(host: string): string {
  const dir = mkdtempSync(join(scratch, 'docker-config-'));
  for (const args of [['context', 'create', 'harbor-t18', '--docker', `host=${host}`], ['context', 'use', 'harbor-t18']]) {
    const r = spawnSync('docker', ['--config', dir, ...args], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  }
  return dir;
}

describe('harbor.sh checks the engine before the runner image', () => {
  test('the normal path makes no call but the image lookup and the run', async (t) => {
    if (!requireDocker(t)) return;
    const log = join(scratch, 'normal.log');
    writeFileSync(log, '');
    const r = await runHarbor(['--version'], { path: recordingDockerPath(log), env: { HARBOR_RUNNER_IMAGE: IMAGE } });
    assert.equal(r.stdout, `harbor ${VERSION}\n`, r.stderr);
    assert.deepEqual(recordedCalls(log).map((argv) => argv[0]), ['image', 'run']);
  });

  test('a missing image while the engine answers: one probe, then the build, as before', async (t) => {
    if (!requireDocker(t)) return;
    const log = join(scratch, 'missing.log');
    writeFileSync(log, '');
    // build and run are recorded, not run: the image named here must never exist.
    const absent = `harbor-t18-absent-${process.pid}:1`;
    const r = await runHarbor(['--version'], { path: recordingToolsPath(log, { docker: ['build', 'run'] }), env: { HARBOR_RUNNER_IMAGE: absent } });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(recordedCalls(log).map((argv) => argv.slice(0, 2).join(' ')), ['docker image', 'docker version', 'docker build', 'docker run']);
    assert.match(r.stderr, new RegExp(`building the runner image ${absent}`));
  });

  for (const shell of ['dash', 'busybox sh', 'bash']) {
    test(`under ${shell}: DOCKER_HOST naming a socket that does not exist → exit 68, naming DOCKER_HOST, no build`, async (t) => {
      if (!requireDocker(t) || !requireTools(t, ...shell.split(' ').slice(0, 1))) return;
      const log = join(scratch, `gone-${shell.replace(' ', '-')}.log`);
      writeFileSync(log, '');
      const r = await runHarbor(['--version'], { shell, path: recordingToolsPath(log, { docker: ['build'] }), env: { DOCKER_HOST: `unix://${GONE}` } });
      assert.equal(r.code, 68);
      assert.equal(r.stdout, '');
      assert.equal(
        r.stderr,
        `harbor: error: DOCKER_HOST=unix://${GONE} does not answer: no socket at ${GONE}\n` +
          `harbor: fix: start the engine meant to listen at ${GONE}; or unset DOCKER_HOST to use the default socket ${DEFAULT_NOTE}\n`,
      );
      assert.ok(!recordedCalls(log).some((argv) => argv[1] === 'build' || argv[1] === 'run'), 'a build or run was attempted');
    });
  }

  test('`runner build` checks the engine before it builds', async (t) => {
    if (!requireDocker(t)) return;
    const log = join(scratch, 'build.log');
    writeFileSync(log, '');
    const r = await runHarbor(['runner', 'build'], { path: recordingToolsPath(log, { docker: ['build'] }), env: { DOCKER_HOST: `unix://${GONE}` } });
    assert.equal(r.code, 68);
    assert.match(r.stderr, /^harbor: error: DOCKER_HOST=\S+ does not answer: no socket at /);
    assert.ok(!recordedCalls(log).some((argv) => argv[1] === 'build'), 'the build ran');
  });

  test('a TCP host that does not answer → exit 68, naming DOCKER_HOST, with the TLS settings in the fix', async (t) => {
    if (!requireDocker(t)) return;
    const host = `tcp://127.0.0.1:${await closedPort()}`;
    const r = await runHarbor(['--version'], { env: { DOCKER_HOST: host } });
    assert.equal(r.code, 68);
    assert.equal(
      r.stderr,
      `harbor: error: DOCKER_HOST=${host} does not answer\n` +
        `harbor: fix: check that the engine there runs and listens on that address (and DOCKER_TLS_VERIFY, DOCKER_CERT_PATH for TLS); or unset DOCKER_HOST to use the default socket ${DEFAULT_NOTE}\n`,
    );
  });

  test('a docker context whose endpoint does not answer is named, with how to go back to the default', async (t) => {
    if (!requireDocker(t)) return;
    const config = configWithContext(`unix://${GONE}`);
    const r = await runHarbor(['--version'], { env: { DOCKER_CONFIG: config, DOCKER_HOST: '' } });
    assert.equal(r.code, 68);
    assert.equal(
      r.stderr,
      `harbor: error: the docker context harbor-t18 (unix://${GONE}) does not answer: no socket at ${GONE}\n` +
        `harbor: fix: start the engine meant to listen at ${GONE}; or docker context use default to go back to the default socket ${DEFAULT_NOTE}\n`,
    );
    const none = await runHarbor(['--version'], { env: { DOCKER_CONFIG: config, DOCKER_HOST: '', DOCKER_CONTEXT: 'harbor-t18-none' } });
    assert.equal(none.code, 68);
    assert.equal(
      none.stderr,
      'harbor: error: DOCKER_CONTEXT=harbor-t18-none names no docker context\n' +
        'harbor: fix: docker context ls lists the contexts; unset DOCKER_CONTEXT (and docker context use default) to use the default socket\n',
    );
    // A current context that was removed after `docker context use` chose it.
    const removed = mkdtempSync(join(scratch, 'docker-config-'));
    writeFileSync(join(removed, 'config.json'), '{"currentContext": "harbor-t18-removed"}\n');
    const gone = await runHarbor(['--version'], { env: { DOCKER_CONFIG: removed, DOCKER_HOST: '' } });
    assert.equal(gone.code, 68);
    assert.equal(
      gone.stderr,
      'harbor: error: the current docker context (chosen with docker context use) does not exist\n' +
        'harbor: fix: docker context ls lists the contexts; docker context use default to go back to the default socket\n',
    );
  });

  test('an engine known by its socket path is named in the fix (Docker Desktop, rootless Docker)', async (t) => {
    if (!requireDocker(t)) return;
    for (const [socket, start] of [
      ['/nonexistent/alice/.docker/run/docker.sock', 'start Docker Desktop (on macOS: open -a Docker)'],
      ['/run/user/4242/docker.sock', 'start rootless Docker: systemctl --user start docker'],
    ]) {
      const r = await runHarbor(['--version'], { env: { DOCKER_HOST: `unix://${socket}` } });
      assert.equal(r.code, 68);
      assert.equal(r.stderr.split('\n')[1], `harbor: fix: ${start}; or unset DOCKER_HOST to use the default socket ${DEFAULT_NOTE}`);
    }
  });

  test('doctor, when the runner cannot start, prints the shim\'s own checks in the runner\'s format (text and --json)', async (t) => {
    if (!requireDocker(t)) return;
    const env = { DOCKER_HOST: `unix://${GONE}` };
    const problem = `DOCKER_HOST=unix://${GONE} does not answer: no socket at ${GONE}`;
    const json = await runHarbor(['doctor', '--json'], { env });
    assert.equal(json.code, 1, json.stderr);
    assert.equal(json.stderr, '');
    const report = JSON.parse(json.stdout) as Report;
    assert.equal(report.ok, false);
    assert.deepEqual(report.checks.map((c) => c.name), ['docker CLI', 'context', 'socket', 'engine', 'disk (home)', 'runner']);
    const by = Object.fromEntries(report.checks.map((c) => [c.name, c]));
    assert.match(by['docker CLI']!.message, /^Docker CLI \d+\.\d+\S* at \/\S+\/docker$/);
    assert.deepEqual(by.context, { name: 'context', status: 'ok', message: `DOCKER_HOST=unix://${GONE}` });
    assert.deepEqual(by.socket, { name: 'socket', status: 'error', message: `no socket at ${GONE}` });
    assert.deepEqual(by.engine, { name: 'engine', status: 'error', message: problem, hint: `start the engine meant to listen at ${GONE}; or unset DOCKER_HOST to use the default socket ${DEFAULT_NOTE}` });
    assert.match(by['disk (home)']!.message, new RegExp(`^\\d+\\.\\d GB free on ${REPO.replace(/\/$/, '')}$`));
    assert.equal(by.runner!.status, 'error');

    // The text form, as the runner prints it: a mark, the name padded to the longest (11), two spaces, the message.
    const text = await runHarbor(['doctor'], { shell: 'busybox sh', env });
    assert.equal(text.code, 1, text.stderr);
    const lines = text.stdout.split('\n');
    assert.match(lines[0]!, /^✔ docker CLI {3}Docker CLI \S+ at \S+$/);
    assert.equal(lines[1], `✔ context      DOCKER_HOST=unix://${GONE}`);
    assert.equal(lines[2], `✖ socket       no socket at ${GONE}`);
    assert.equal(lines[3], `✖ engine       ${problem}`);
    assert.equal(lines[4], `               → start the engine meant to listen at ${GONE}; or unset DOCKER_HOST to use the default socket ${DEFAULT_NOTE}`);
    assert.match(lines[5]!, /^[✔⚠] disk \(home\) {2}\d+\.\d GB free on /);
    assert.match(lines[6]!, /^✖ runner {7}the runner cannot start until the engine answers; /);
    assert.equal(lines[7], '               → fix the engine (above), then run ./harbor.sh doctor again');
  });

  test('doctor, when the engine answers but the runner image can be neither found nor built, still reports', async (t) => {
    if (!requireDocker(t)) return;
    // A home that is not a source checkout (no Dockerfile.runner), naming an image that does not exist.
    const home = mkdtempSync(join(scratch, 'no-image-'));
    copyFileSync(SHIM, join(home, 'harbor.sh'));
    const absent = `harbor-t18-absent-${process.pid}:1`;
    const r = await runHarbor(['doctor', '--json'], { script: join(home, 'harbor.sh'), cwd: home, env: { HARBOR_RUNNER_IMAGE: absent } });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`^harbor: error: cannot build ${absent}: ${home} has no Dockerfile.runner and runner/src`));
    const report = JSON.parse(r.stdout) as Report;
    assert.deepEqual(report.checks.map((c) => [c.name, c.status]), [
      ['docker CLI', 'ok'],
      ['context', 'ok'],
      ['socket', 'ok'],
      ['engine', 'ok'],
      ['disk (home)', report.checks[4]!.status],
      ['runner', 'error'],
    ]);
    assert.match(report.checks[3]!.message, /^Docker Engine \S+ \(API \d+\.\d+\)$/);
    assert.deepEqual(report.checks[5], {
      name: 'runner',
      status: 'error',
      message: `the runner cannot start: its image ${absent} is missing, and getting it failed (the error above)`,
      hint: 'on a host with no registry access: ./harbor.sh runner load FILE (an archive made by ./harbor.sh runner save); or set HARBOR_RUNNER_IMAGE to an image your registry has',
    });
  });
});

describe('harbor.sh when the daemon is not running (the default socket hidden in a private mount namespace)', () => {
  /** A wrapper run under `unshare -m`: an empty /var/run, optionally holding a socket nothing listens on
   *  (node does not remove a socket file when it exits). */
  function hiddenSocketShell(stale: boolean): string {
    const wrapper = join(scratch, stale ? 'stale.sh' : 'hidden.sh');
    const orphan = `'${process.execPath}' -e "require('net').createServer().listen('${DEFAULT_SOCKET}', () => process.exit(0))"`;
    writeFileSync(wrapper, `mount -t tmpfs harbor-t18 /var/run || exit 99\n${stale ? `${orphan}\n` : ''}exec "$@"\n`);
    return `unshare -m --propagation private sh ${wrapper} sh`;
  }
  // DOCKER_CONFIG: an empty client config, so the default context is in use whatever this host's user chose.
  const env = () => ({ DOCKER_HOST: '', DOCKER_CONFIG: mkdtempSync(join(scratch, 'empty-config-')) });

  test('no socket at the default path → exit 69, "not running", with how to start it', async (t) => {
    if (!requireDocker(t) || !requireRoot(t) || !requireTools(t, 'unshare')) return;
    const r = await runHarbor(['--version'], { shell: hiddenSocketShell(false), env: env() });
    assert.equal(r.code, 69, r.stderr);
    const [error, fix] = r.stderr.split('\n');
    assert.equal(error, `harbor: error: the Docker daemon is not running (no socket at ${DEFAULT_SOCKET})`);
    assert.match(fix!, /^harbor: fix: (rootless Docker's socket is at \S+: export DOCKER_HOST=unix:\/\/\S+; or )?start (it: sudo (systemctl|service)|Docker Desktop)/);

    const doctor = await runHarbor(['doctor', '--json'], { shell: hiddenSocketShell(false), env: env() });
    assert.equal(doctor.code, 1, doctor.stderr);
    const report = JSON.parse(doctor.stdout) as Report;
    assert.deepEqual(report.checks.find((c) => c.name === 'context'), { name: 'context', status: 'ok', message: `the default context (unix://${DEFAULT_SOCKET})` });
    assert.deepEqual(report.checks.find((c) => c.name === 'engine')?.message, `the Docker daemon is not running (no socket at ${DEFAULT_SOCKET})`);
  });

  test('a socket left behind with nothing listening → exit 69, "not running"', async (t) => {
    if (!requireDocker(t) || !requireRoot(t) || !requireTools(t, 'unshare')) return;
    const r = await runHarbor(['--version'], { shell: hiddenSocketShell(true), env: env() });
    assert.equal(r.code, 69, r.stderr);
    assert.equal(r.stderr.split('\n')[0], `harbor: error: the Docker daemon is not running (${DEFAULT_SOCKET} exists, but nothing answers there)`);
  });
});

describe('harbor.sh run by a user who may not open the socket (a throwaway account)', () => {
  const user = `harbor-t18-${process.pid}`;
  let created = false;
  after(() => {
    if (created) spawnSync('userdel', [user], { stdio: 'ignore' });
  });
  // The socket the tests' engine listens on, and the group it lets in.
  const socket = process.env.DOCKER_HOST?.startsWith('unix://') ? process.env.DOCKER_HOST.slice('unix://'.length) : DEFAULT_SOCKET;

  /** A home the user owns, holding a copy of harbor.sh (not a source checkout: it uses the built image). */
  function userHome(uid: number, gid: number): string {
    const home = mkdtempSync(join(scratch, 'user-home-'));
    chmodSync(scratch, 0o755);
    copyFileSync(SHIM, join(home, 'harbor.sh'));
    chownSync(home, uid, gid);
    // The tests' PATH (symlinks to host tools, no node) must be readable by that user too.
    chmodSync(hostOnlyPath(), 0o755);
    return home;
  }

  test('outside the socket\'s group → exit 77 and the group fix; joined but not in this session → newgrp; in it → works', async (t) => {
    if (!requireDocker(t) || !requireRoot(t) || !requireTools(t, 'useradd', 'usermod', 'userdel', 'setpriv', 'id', 'getent')) return;
    const group = spawnSync('sh', ['-c', 'getent group "$1" | cut -d: -f1', 'sh', String(statSync(socket).gid)], { encoding: 'utf8' }).stdout.trim();
    assert.ok(group && group !== 'root', `the test engine's socket ${socket} belongs to group "${group}": this test needs a group such as docker`);
    const made = spawnSync('useradd', ['--no-create-home', '--shell', '/usr/sbin/nologin', '--user-group', user], { encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    created = true;
    const ids = spawnSync('id', [user], { encoding: 'utf8' }).stdout;
    const uid = Number(/uid=(\d+)/.exec(ids)![1]);
    const gid = Number(/gid=(\d+)/.exec(ids)![1]);
    const home = userHome(uid, gid);
    const asUser = (groups: '--clear-groups' | '--init-groups', args: string[]) =>
      runHarbor(args, {
        shell: `setpriv --reuid=${uid} --regid=${gid} ${groups} sh`,
        script: join(home, 'harbor.sh'),
        cwd: home,
        env: { HOME: home, DOCKER_HOST: `unix://${socket}`, HARBOR_RUNNER_IMAGE: IMAGE },
      });
    const facts = `\\(s[rwx-]{9} \\S+:${group}\\)`;

    const denied = await asUser('--clear-groups', ['--version']);
    assert.equal(denied.code, 77, denied.stderr);
    const [error, fix] = denied.stderr.split('\n');
    assert.match(error!, new RegExp(`^harbor: error: permission denied on ${socket} ${facts}: ${user} is not in the ${group} group$`));
    assert.equal(
      fix,
      `harbor: fix: sudo usermod -aG ${group} ${user}, then newgrp ${group} (or log out and back in); or use rootless Docker ` +
        '(https://docs.docker.com/engine/security/rootless/) and its socket: export DOCKER_HOST=unix://$XDG_RUNTIME_DIR/docker.sock',
    );
    const doctor = await asUser('--clear-groups', ['doctor', '--json']);
    assert.equal(doctor.code, 1, doctor.stderr);
    const socketCheck = (JSON.parse(doctor.stdout) as Report).checks.find((c) => c.name === 'socket');
    assert.equal(socketCheck?.status, 'error');
    assert.match(socketCheck?.message ?? '', new RegExp(`^${socket} ${facts} cannot be opened by ${user} \\(groups: ${user}\\)$`));

    assert.equal(spawnSync('usermod', ['-aG', group, user]).status, 0);
    const stale = await asUser('--clear-groups', ['--version']);
    assert.equal(stale.code, 77);
    assert.match(stale.stderr, new RegExp(`^harbor: error: permission denied on ${socket} ${facts}: ${user} joined the ${group} group after this session started\\n`));
    assert.match(stale.stderr, new RegExp(`\\nharbor: fix: run newgrp ${group} in this shell \\(or log out and back in\\), then try again\\n$`));

    const member = await asUser('--init-groups', ['--version']);
    assert.equal(member.code, 0, member.stderr);
    assert.equal(member.stdout, `harbor ${VERSION}\n`);
  });
});
