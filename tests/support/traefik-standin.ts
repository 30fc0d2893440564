// Builds the Traefik stand-in image for tests (tests/fixtures/traefik-standin/README.md): esbuild bundles the
// stand-in with the `yaml` package from this repo's node_modules (the image has no network for npm), then
// `docker build` runs on a temporary context holding the Dockerfile and the bundle. Idempotent: the image carries
// the hash of its inputs in a label, and a build is skipped when the tagged image already has that hash.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { REPO } from './run-harbor';

export const TRAEFIK_STANDIN_IMAGE = 'harbor-test/traefik-standin:dev';
export const TRAEFIK_STANDIN_DIR = join(REPO, 'tests/fixtures/traefik-standin');
const HASH_LABEL = 'io.harbor.test.standin-inputs';
const run = promisify(execFile);

let pending: Promise<string> | undefined;

/** Builds (or finds up to date) harbor-test/traefik-standin:dev and returns its tag. */
export function buildTraefikStandin(): Promise<string> {
  pending ??= buildOnce().finally(() => {
    pending = undefined;
  });
  return pending;
}

async function buildOnce(): Promise<string> {
  const base = process.env.CI_NODE24_IMAGE ?? 'harbor-ci/node:24';
  const context = mkdtempSync(join(tmpdir(), 'traefik-standin-'));
  try {
    const bundle = await build({
      absWorkingDir: REPO,
      entryPoints: [join(TRAEFIK_STANDIN_DIR, 'traefik-standin.mjs')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      write: false,
      legalComments: 'none',
      // yaml's Node entry is CommonJS and requires node: built-ins; an ES module bundle needs a require for them.
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      logLevel: 'warning',
    });
    const code = bundle.outputFiles[0]!.contents;
    const dockerfile = readFileSync(join(TRAEFIK_STANDIN_DIR, 'Dockerfile'));
    const hash = createHash('sha256').update(base).update('\0').update(dockerfile).update('\0').update(code).digest('hex');
    const current = await run('docker', ['image', 'inspect', '--format', `{{ index .Config.Labels "${HASH_LABEL}" }}`, TRAEFIK_STANDIN_IMAGE]).catch(() => undefined);
    if (current?.stdout.trim() === hash) return TRAEFIK_STANDIN_IMAGE;
    mkdirSync(join(context, 'dist'));
    copyFileSync(join(TRAEFIK_STANDIN_DIR, 'Dockerfile'), join(context, 'Dockerfile'));
    writeFileSync(join(context, 'dist/traefik-standin.mjs'), code);
    await run('docker', ['build', '-q', '--build-arg', `BASE_IMAGE=${base}`, '--label', `${HASH_LABEL}=${hash}`, '-t', TRAEFIK_STANDIN_IMAGE, context], { maxBuffer: 16 << 20 }).catch((e: { stderr?: string; message: string }) => {
      throw new Error(`docker build of the Traefik stand-in failed: ${e.stderr?.trim() || e.message}`);
    });
    return TRAEFIK_STANDIN_IMAGE;
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}
