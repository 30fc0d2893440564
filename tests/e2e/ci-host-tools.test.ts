// CI installs what its tests use: every tool .ci/host-tools lists is here (under CI a missing one fails,
// never skips), .ci/install-host-tools installs the missing ones, and the shell scripts are shellcheck-clean.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { HOST_TOOLS, requireRoot, requireTools } from '../support/host-tools';
import { REPO } from '../support/run-harbor';

/** A directory of symlinks to the host's tools, leaving out `without`. */
function pathWithout(without: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'harbor-ci-path-'));
  for (const source of ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']) {
    if (!existsSync(source)) continue;
    for (const name of readdirSync(source)) {
      if (!without.includes(name) && !existsSync(join(dir, name))) symlinkSync(join(source, name), join(dir, name));
    }
  }
  return dir;
}

function script(dir: string, name: string, body: string): void {
  writeFileSync(join(dir, name), `#!/bin/sh\n${body}`);
  chmodSync(join(dir, name), 0o755);
}

test('every host tool .ci/host-tools lists is installed', (t) => {
  assert.ok(HOST_TOOLS.includes('busybox') && HOST_TOOLS.includes('shellcheck') && HOST_TOOLS.includes('just'));
  requireTools(t, ...HOST_TOOLS);
});

test('a test needing a missing tool fails under CI=true, naming it, and is skipped otherwise', () => {
  const path = pathWithout(['just']);
  const run = (ci: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', 'tests/fixtures/host-tools/needs-just.ts'], {
      cwd: REPO,
      encoding: 'utf8',
      env: { PATH: path, ...ci },
    });
  const strict = run({ CI: 'true' });
  assert.equal(strict.status, 1, strict.stdout);
  assert.match(strict.stdout, /^not ok 1 - needs just$/m);
  assert.match(strict.stdout, /just is not installed, and CI must not skip tests: \.ci\/run installs every tool \.ci\/host-tools lists/);
  const local = run({});
  assert.equal(local.status, 0, local.stdout);
  assert.match(local.stdout, /^ok 1 - needs just # SKIP just is not installed \(\.ci\/run installs it\)$/m);
});

test('.ci/install-host-tools installs what is missing: Debian packages with apt-get, just from npm\'s static build', (t) => {
  if (!requireRoot(t)) return;
  const bin = mkdtempSync(join(tmpdir(), 'harbor-ci-bin-'));
  const log = join(bin, 'calls.log');
  // Fakes, named as such: apt-get "installs" busybox by linking the real one into bin (on PATH); npm pack
  // writes a package shaped like rust-just-linux-x64 (package/bin/just). Nothing on the host changes.
  script(bin, 'apt-get', `echo "apt-get $*" >> '${log}'\ncase $1 in install) ln -s /usr/bin/busybox '${bin}/busybox' ;; esac\n`);
  script(bin, 'npm', `echo "npm $*" >> '${log}'\nmkdir -p package/bin && printf '#!/bin/sh\\necho just fake\\n' > package/bin/just && chmod 755 package/bin/just && tar -czf rust-just-linux-x64-1.58.0.tgz package && rm -r package\n`);
  const r = spawnSync(join(REPO, '.ci/install-host-tools'), [], {
    encoding: 'utf8',
    env: { PATH: `${bin}:${pathWithout(['just', 'busybox', 'apt-get', 'npm', 'sudo'])}`, CI_TOOLS_BIN: bin },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n'), [
    'apt-get update -qq',
    'apt-get install -y -qq --no-install-recommends busybox',
    'npm pack --silent rust-just-linux-x64@1.58.0',
  ]);
  assert.equal(statSync(join(bin, 'just')).mode & 0o777, 0o755);
  assert.match(r.stderr, /^ci: host tools present: .*\bbusybox\b.*\bjust$/m);

  // A tool that is still missing after the install is an error that names it.
  const again = spawnSync(join(REPO, '.ci/install-host-tools'), [], {
    encoding: 'utf8',
    env: { PATH: `${mkdtempSync(join(tmpdir(), 'harbor-ci-noop-'))}:${pathWithout(['shellcheck', 'just', 'apt-get'])}`, CI_TOOLS_BIN: bin },
  });
  assert.notEqual(again.status, 0);
  assert.match(again.stderr, /ci: error: missing Debian packages shellcheck, and this host has no apt-get: install them by hand\n$/);
});

test('the shell scripts are shellcheck-clean: harbor.sh as POSIX sh, the CI scripts as bash', (t) => {
  if (!requireTools(t, 'shellcheck')) return;
  const r = spawnSync('shellcheck', ['harbor.sh', '.ci/run', '.ci/install-host-tools'], { cwd: REPO, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout);
  assert.match(readFileSync(join(REPO, 'harbor.sh'), 'utf8'), /^#!\/bin\/sh\n/);
});
