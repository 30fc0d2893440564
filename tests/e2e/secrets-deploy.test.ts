// Secrets after a real deploy through ./harbor.sh: one plaintext secret (override.secrets.env) and one sops secret
// (encrypted by Harbor itself) reach the container that asks for them, and appear in no argv, log line, label or file.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dockerAnswers, requireDocker } from '../support/docker-available';
import { EXAMPLE_ENV, makeExampleHome, removeExampleHome, type ExampleHome } from '../support/compose-home';
import { recordingDockerPath } from '../support/host-path';
import { REPO, SHIM, runHarbor, type HarborRun } from '../support/run-harbor';

// The fixtures' public test key (runner/test/fixtures/sops/README.md): never used for real secrets.
const KEYS = join(REPO, 'runner/test/fixtures/sops/keys.txt');
const RECIPIENT = /# public key: (age1[0-9a-z]+)/.exec(readFileSync(KEYS, 'utf8'))![1]!;
const PLAIN_SECRET = `plain-${randomBytes(12).toString('hex')}`;
const SOPS_SECRET = `sops-${randomBytes(12).toString('hex')}`;
const SECRETS = [PLAIN_SECRET, SOPS_SECRET];

let example: ExampleHome;
let work: string;
let env: Record<string, string>;

before(() => {
  example = makeExampleHome();
  work = mkdtempSync(join(tmpdir(), 'harbor-secrets-e2e-'));
  // The key outside the home, 0600, as a user keeps it; the shim mounts it read-only and passes its path by name.
  const key = join(work, 'keys.txt');
  copyFileSync(KEYS, key);
  chmodSync(key, 0o600);
  env = { ...EXAMPLE_ENV, NO_COLOR: '1', SOPS_AGE_KEY_FILE: key };
  // A home that is not a source checkout: it uses the runner image the test run built.
  copyFileSync(SHIM, join(example.home, 'harbor.sh'));
  writeFileSync(join(example.home, 'override.secrets.env'), `PLAIN_SECRET=${PLAIN_SECRET}\n`);
  writeFileSync(join(example.home, 'secrets.sops.env'), `SOPS_SECRET=${SOPS_SECRET}\n`);
  // Bare names in greeter's service.env hand it both secrets; hello gets neither.
  mkdirSync(join(example.home, 'stacks/greeter'), { recursive: true });
  writeFileSync(join(example.home, 'stacks/greeter/service.env'), 'PLAIN_SECRET\nSOPS_SECRET\n');
});
after(() => {
  removeExampleHome(example);
  rmSync(work, { recursive: true, force: true });
});

function harbor(args: string[], path?: string): Promise<HarborRun> {
  return runHarbor(args, { script: join(example.home, 'harbor.sh'), cwd: example.home, env, ...(path && { path }) });
}

/** Every file under `dir` whose bytes contain one of the secrets, as home-relative paths. */
function filesHolding(dir: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = readFileSync(path);
    if (secrets.some((s) => bytes.includes(s))) found.push(path.slice(example.home.length + 1));
  }
  return found.sort();
}

function leaks(text: string): string[] {
  return SECRETS.filter((s) => text.includes(s));
}

function projectContainers(): Array<{ Name: string; Config: { Labels: Record<string, string> } }> {
  const ids = spawnSync('docker', ['ps', '-aq', '--filter', `label=com.docker.compose.project=${example.project}`], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  if (ids.length === 0) return [];
  return JSON.parse(spawnSync('docker', ['inspect', ...ids], { encoding: 'utf8' }).stdout);
}

describe('secrets through a real deploy', { skip: !dockerAnswers() && !process.env.CI }, () => {
  test("Harbor's own `secrets encrypt` seals the sops file; the plaintext is gone from it", async (t) => {
    if (!requireDocker(t)) return;
    const r = await harbor(['secrets', 'encrypt', '--in-place', '--age', RECIPIENT, 'secrets.sops.env']);
    assert.equal(r.code, 0, r.stderr);
    const sealed = readFileSync(join(example.home, 'secrets.sops.env'), 'utf8');
    assert.match(sealed, /^SOPS_SECRET=ENC\[AES256_GCM,/m);
    assert.deepStrictEqual(leaks(sealed), []);
  });

  test('deploy --debug: the service receives both secrets; no argv, log line, label or file holds them', async (t) => {
    if (!requireDocker(t)) return;
    const argvLog = join(work, 'docker-argv.log');
    const r = await harbor(['deploy', '--debug'], recordingDockerPath(argvLog));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /\$ docker compose -p .* up -d --wait --remove-orphans/, '--debug logged the compose argv');
    assert.match(readFileSync(argvLog, 'utf8'), /^--call--\nrun\n/m, 'the host docker argv was recorded');
    assert.deepStrictEqual({ argv: leaks(readFileSync(argvLog, 'utf8')), stdout: leaks(r.stdout), stderr: leaks(r.stderr) }, { argv: [], stdout: [], stderr: [] });

    const containers = projectContainers();
    assert.deepStrictEqual(containers.map((c) => c.Name.replace(/^\/.*-(\w+)-1$/, '$1')).sort(), ['greeter', 'hello']);
    assert.deepStrictEqual(containers.flatMap((c) => leaks(JSON.stringify(c.Config.Labels))), [], 'no label holds a secret');
    assert.deepStrictEqual(filesHolding(example.home, SECRETS), ['override.secrets.env'], 'only the plaintext secrets file the user wrote');

    const greeter = await harbor(['exec', 'greeter', 'printenv', 'PLAIN_SECRET', 'SOPS_SECRET']);
    assert.deepStrictEqual({ code: greeter.code, stdout: greeter.stdout }, { code: 0, stdout: `${PLAIN_SECRET}\n${SOPS_SECRET}\n` });
    const hello = await harbor(['exec', 'hello', 'sh', '-c', 'printenv PLAIN_SECRET SOPS_SECRET || echo none']);
    assert.deepStrictEqual({ code: hello.code, stdout: hello.stdout }, { code: 0, stdout: 'none\n' }, 'hello did not ask for them');
  });

  test('--persist-env writes var/run/.env.run with mode 0600; destroy removes it', async (t) => {
    if (!requireDocker(t)) return;
    const r = await harbor(['deploy', '--persist-env']);
    assert.equal(r.code, 0, r.stderr);
    const file = join(example.home, 'var/run/.env.run');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepStrictEqual(leaks(readFileSync(file, 'utf8')), SECRETS);
    assert.deepStrictEqual(filesHolding(example.home, SECRETS), ['override.secrets.env', 'var/run/.env.run']);
    const destroy = await harbor(['destroy']);
    assert.equal(destroy.code, 0, destroy.stderr);
    assert.equal(existsSync(file), false);
    assert.deepStrictEqual(filesHolding(example.home, SECRETS), ['override.secrets.env']);
  });

  test('with prepare.env.keepOnDestroy, destroy keeps it', async (t) => {
    if (!requireDocker(t)) return;
    const descriptor = join(example.home, 'etc/harbor.yaml');
    const text = readFileSync(descriptor, 'utf8');
    writeFileSync(descriptor, text.replace('prepare:\n  env:\n', 'prepare:\n  env:\n    keepOnDestroy: true\n'));
    const r = await harbor(['deploy', '--persist-env']);
    assert.equal(r.code, 0, r.stderr);
    const destroy = await harbor(['destroy', '--volumes']);
    assert.equal(destroy.code, 0, destroy.stderr);
    assert.equal(statSync(join(example.home, 'var/run/.env.run')).mode & 0o777, 0o600);
    assert.deepStrictEqual(projectContainers(), []);
  });
});
