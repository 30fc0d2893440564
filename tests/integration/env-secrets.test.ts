// Proves secrets reach compose and containers only through the environment: never argv, logs, the overlay or errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createConsola } from 'consola';
import * as v from 'valibot';
import { loadStackEnv } from '../../runner/src/env/load-stack-env';
import { createProcessRunner } from '../../runner/src/shared/process-runner';
import { buildComposeEnv } from '../../runner/src/env/core/build-compose-env';
import { buildEnvOverlay } from '../../runner/src/env/core/build-env-overlay';
import { EnvConfigSchema } from '../../runner/src/descriptor/core/env-config-schema';
import { HarborError } from '../../runner/src/shared/core/errors';
import { requireDocker } from '../support/docker-available';

const IMAGE = 'harbor-ci/debian:bookworm';
const PROJECT = 'harbor-env-secrets-test';

function makeHome(files: Record<string, string>): string {
  const home = mkdtempSync(join(tmpdir(), 'harbor-secrets-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(home, file)), { recursive: true });
    writeFileSync(join(home, file), text);
  }
  return home;
}

/** A real consola logger at debug level (as with --debug) whose every line is kept. */
function debugLogger() {
  const lines: string[] = [];
  const log = createConsola({ level: 4, reporters: [{ log: (entry) => lines.push(`${entry.type}: ${entry.args.map(String).join(' ')}`) }] });
  return { log, lines };
}

test('secrets travel only through the process environment, with the real process runner at --debug', async (t) => {
  if (!requireDocker(t)) return;
  const secret = `s3cret-${randomBytes(8).toString('hex')}`;
  const home = makeHome({
    'etc/sys.env': 'DOMAIN=localhost\n',
    'stacks/web/service.env': 'PORT=8080\nDB_PASSWORD\n',
    'override.secrets.env': `DB_PASSWORD=${secret}\nDSN=postgres://app:\${DB_PASSWORD}@db/app\n`,
    'compose.yml': `services:\n  web:\n    image: ${IMAGE}\n    environment:\n      FROM_COMPOSE_FILE: \${DSN}\n`,
  });
  const { log, lines } = debugLogger();
  const runner = createProcessRunner(log, { PATH: process.env.PATH, HOME: process.env.HOME, ...(process.env.DOCKER_HOST && { DOCKER_HOST: process.env.DOCKER_HOST }) });
  const base = ['docker', 'compose', '-p', PROJECT, '-f', 'compose.yml', '-f', 'var/run/overlays/env.yml'];
  try {
    const stack = await loadStackEnv({ home, env: {}, config: v.parse(EnvConfigSchema, undefined), readSops: async () => new Map() });
    const composeEnv = buildComposeEnv(stack.merged, stack.services);
    const overlay = buildEnvOverlay(stack, ['web'], composeEnv);
    mkdirSync(join(home, 'var/run/overlays'), { recursive: true });
    writeFileSync(join(home, 'var/run/overlays/env.yml'), overlay.yaml);

    const config = await runner.run([...base, 'config', '--format', 'json'], { cwd: home, env: composeEnv, stdio: 'capture' });
    assert.equal(config.code, 0, config.stderr);
    const web = (JSON.parse(config.stdout) as { services: { web: { environment: Record<string, string> } } }).services.web;
    // The values did reach compose (through the environment): the overlay's references and the compose file's own.
    assert.deepStrictEqual(web.environment, { DB_PASSWORD: secret, PORT: '8080', FROM_COMPOSE_FILE: `postgres://app:${secret}@db/app` });

    const inside = await runner.run([...base, 'run', '--rm', '--no-deps', 'web', 'printenv', 'DB_PASSWORD'], { cwd: home, env: composeEnv, stdio: 'capture' });
    assert.equal(inside.code, 0, inside.stderr);
    assert.equal(inside.stdout.trim(), secret, 'the container received the secret');

    // ...and nowhere else: not in argv (logged at debug), not in any log line, not in the overlay on disk.
    assert.ok(lines.some((l) => l.startsWith('debug: $ docker compose')), 'argv was logged at debug');
    assert.deepStrictEqual(lines.filter((l) => l.includes(secret)), []);
    assert.equal(readFileSync(join(home, 'var/run/overlays/env.yml'), 'utf8').includes(secret), false);
    assert.equal(JSON.stringify([...stack.merged]).includes(secret), false, 'the merged env serialises secrets as [redacted]');
  } finally {
    await runner.run([...base, 'down', '--remove-orphans'], { cwd: home, env: {}, stdio: 'capture' }).catch(() => undefined);
    rmSync(home, { recursive: true, force: true });
  }
});

test('an error about a secrets file names the file and line, never the value', async () => {
  const secret = `s3cret-${randomBytes(8).toString('hex')}`;
  const cases = [
    `OK=1\nPASS="${secret}\n`,
    `PASS=${secret}\${\n`,
    `PASS=\${MISSING:?${secret}}\n`,
    `PASS=${secret}\nBAD KEY=${secret}\n`,
    `A=${secret}\${B}\nB=\${A}\n`,
  ];
  for (const text of cases) {
    const home = makeHome({ 'override.secrets.env': text });
    try {
      const err = await loadStackEnv({ home, env: {}, config: v.parse(EnvConfigSchema, undefined), readSops: async () => new Map() }).then(
        () => assert.fail('expected an error'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof HarborError && err.exitCode === 4, String(err));
      assert.match(err.message, /^(override\.secrets\.env:\d+: |env reference cycle: .*override\.secrets\.env:\d)/);
      assert.equal(`${err.message} ${err.hint}`.includes(secret), false, text.replace(secret, '<secret>'));
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }
});
