// Proves Harbor reads dotenv files as the installed `docker compose` does, file by file, over a corpus of tricky files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { parseDotenv } from '../../runner/src/env/core/parse-dotenv';
import { HarborError } from '../../runner/src/shared/core/errors';
import { requireDocker } from '../support/docker-available';

const CORPUS = fileURLToPath(new URL('../fixtures/dotenv/', import.meta.url));
const INVALID = join(CORPUS, 'invalid');
const IMAGE = 'harbor-ci/debian:bookworm';
// Names Compose can interpolate (`${NAME}`); other keys (dotted, dashed, ...) are compared through env_file.
const INTERPOLABLE = /^[_A-Za-z][_A-Za-z0-9]*$/;

interface ComposeRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `docker compose` with a clean environment, so no variable of this process can change a value. */
function compose(dir: string, args: string[], extraEnv: Record<string, string> = {}): ComposeRun {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', ...extraEnv };
  if (process.env.DOCKER_HOST) env.DOCKER_HOST = process.env.DOCKER_HOST;
  const r = spawnSync('docker', ['compose', '-p', 'harbor-dotenv-probe', ...args], { cwd: dir, env, encoding: 'utf8' });
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/** `compose config` prints `$` as `$$` so that its output reads back the same; undo that. */
function unescapeDollars(record: Record<string, string | null>): Record<string, string | null> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v === null ? null : v.replaceAll('$$', '$')]));
}

function serviceField(json: string, service: string, field: 'labels' | 'environment'): Record<string, string | null> {
  const config = JSON.parse(json) as { services: Record<string, Record<string, Record<string, string | null>>> };
  return unescapeDollars(config.services[service]?.[field] ?? {});
}

/** The values Compose interpolates from `--env-file file` (`${KEY}` echoed into labels) and the env_file map. */
function composeView(file: string, keys: string[]): { interpolated: Record<string, string | null>; envFile: Record<string, string | null> } {
  const dir = mkdtempSync(join(tmpdir(), 'harbor-dotenv-'));
  try {
    const labels = Object.fromEntries(keys.filter((k) => INTERPOLABLE.test(k)).map((k) => [`v.${k}`, `\${${k}}`]));
    writeFileSync(join(dir, 'probe.yml'), stringify({ services: { probe: { image: IMAGE, labels: { 'v.none': 'x', ...labels } } } }));
    writeFileSync(join(dir, 'keys.yml'), stringify({ services: { keys: { image: IMAGE, env_file: [file] } } }));
    const probe = compose(dir, ['--env-file', file, '-f', 'probe.yml', 'config', '--format', 'json']);
    assert.equal(probe.code, 0, `compose --env-file ${file}: ${probe.stderr}`);
    // A second run without --env-file: env_file alone lists every key Compose reads, with its value.
    const envFile = compose(dir, ['-f', 'keys.yml', 'config', '--format', 'json']);
    assert.equal(envFile.code, 0, `compose env_file ${file}: ${envFile.stderr}`);
    const interpolated = Object.fromEntries(
      Object.entries(serviceField(probe.stdout, 'probe', 'labels')).filter(([k]) => k !== 'v.none').map(([k, v]) => [k.slice(2), v]),
    );
    return { interpolated, envFile: serviceField(envFile.stdout, 'keys', 'environment') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function harborValues(file: string): Record<string, string> {
  const parsed = parseDotenv(readFileSync(file, 'utf8'), { file });
  return Object.fromEntries(parsed.entries.map((e) => [e.key, e.value]));
}

const validFiles = readdirSync(CORPUS).filter((f) => f.endsWith('.env')).sort();
const invalidFiles = readdirSync(INVALID).filter((f) => f.endsWith('.env')).sort();

test('the corpus is not empty', () => {
  assert.ok(validFiles.length >= 10, `valid corpus: ${validFiles.join(', ')}`);
  assert.ok(invalidFiles.length >= 10, `invalid corpus: ${invalidFiles.join(', ')}`);
});

for (const name of validFiles) {
  test(`dotenv ${name}: Harbor reads the values docker compose reads`, (t) => {
    if (!requireDocker(t)) return;
    const file = join(CORPUS, name);
    const harbor = harborValues(file);
    const { interpolated, envFile } = composeView(file, Object.keys(harbor));
    assert.deepStrictEqual(harbor, envFile, 'env_file: same keys and values');
    const interpolable = Object.fromEntries(Object.entries(harbor).filter(([k]) => INTERPOLABLE.test(k)));
    assert.deepStrictEqual(interpolable, interpolated, '--env-file interpolation: same values');
  });
}

for (const name of invalidFiles) {
  test(`dotenv invalid/${name}: docker compose rejects it and Harbor names the file and line`, (t) => {
    if (!requireDocker(t)) return;
    const file = join(INVALID, name);
    const text = readFileSync(file, 'utf8');
    const expected = /^# expect: (.*)$/m.exec(text)?.[1];
    assert.ok(expected, `${name} starts with "# expect: <message>"`);
    const dir = mkdtempSync(join(tmpdir(), 'harbor-dotenv-'));
    try {
      writeFileSync(join(dir, 'probe.yml'), stringify({ services: { probe: { image: IMAGE } } }));
      const run = compose(dir, ['--env-file', file, '-f', 'probe.yml', 'config', '--format', 'json']);
      assert.notEqual(run.code, 0, `compose accepted ${name}:\n${run.stdout}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.throws(
      () => parseDotenv(text, { file: name }),
      (err: unknown) => err instanceof HarborError && err.message === expected && err.exitCode === 4,
    );
  });
}

// Compose resolves a reference inside an env file by looking first at the OS environment, then at earlier
// --env-file files, and only then at the same file's earlier keys (compose-go dotenv.GetEnvFromFile +
// expandVariables). Harbor deliberately looks at the file's own earlier keys first: these tests pin both.
test('lookup order: Compose prefers the OS environment over the file, Harbor the file', (t) => {
  if (!requireDocker(t)) return;
  const dir = mkdtempSync(join(tmpdir(), 'harbor-dotenv-'));
  try {
    writeFileSync(join(dir, 'a.env'), 'HOSTNAME=from-file\nURL=http://${HOSTNAME}/\n');
    writeFileSync(join(dir, 'probe.yml'), stringify({ services: { probe: { image: IMAGE, labels: { url: '${URL}' } } } }));
    const run = compose(dir, ['--env-file', 'a.env', '-f', 'probe.yml', 'config', '--format', 'json'], { HOSTNAME: 'runner-host' });
    assert.equal(run.code, 0, run.stderr);
    assert.deepStrictEqual(serviceField(run.stdout, 'probe', 'labels'), { url: 'http://runner-host/' });
    const harbor = parseDotenv(readFileSync(join(dir, 'a.env'), 'utf8'), { file: 'a.env', lookup: (n) => ({ HOSTNAME: 'runner-host' })[n] });
    assert.deepStrictEqual(harbor.entries.map((e) => [e.key, e.value]), [['HOSTNAME', 'from-file'], ['URL', 'http://from-file/']]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('lookup order: with two --env-file files, Compose prefers the earlier file over the same file', (t) => {
  if (!requireDocker(t)) return;
  const dir = mkdtempSync(join(tmpdir(), 'harbor-dotenv-'));
  try {
    writeFileSync(join(dir, 'low.env'), 'P=low\n');
    writeFileSync(join(dir, 'high.env'), 'P=high\nS=${P}\nF=${LATER}\nLATER=x\n');
    writeFileSync(join(dir, 'probe.yml'), stringify({ services: { probe: { image: IMAGE, labels: { s: '${S}', f: '${F}', p: '${P}' } } } }));
    const run = compose(dir, ['--env-file', 'low.env', '--env-file', 'high.env', '-f', 'probe.yml', 'config', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepStrictEqual(serviceField(run.stdout, 'probe', 'labels'), { s: 'low', f: '', p: 'high' });
    // Harbor: the nearest definition wins (the same file's earlier line), and a later line is not seen either.
    const high = parseDotenv(readFileSync(join(dir, 'high.env'), 'utf8'), { file: 'high.env', lookup: (n) => ({ P: 'low' })[n] });
    assert.deepStrictEqual(
      high.entries.map((e) => [e.key, e.value]),
      [['P', 'high'], ['S', 'high'], ['F', ''], ['LATER', 'x']],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
