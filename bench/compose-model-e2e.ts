// End to end through ./harbor.sh on a v1-shaped home: `harbor config` and `harbor up --dry-run` beside `docker compose config`, 50 and ~570 files.
// Run: node --import tsx bench/compose-model-e2e.ts [--compose-timeout <s>]   (needs Docker and the runner image built from
// this checkout: `./harbor.sh runner build`). Targets: `harbor config` on 570 files under 1.5 s (compose: ~40 s).
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadComposeModel } from '../runner/src/compose/model/load-compose-model';
import { printComposeJson } from '../runner/src/compose/model/core/print-compose-json';
import { selectV1Files, v1Handles, V1_CAPABILITIES, V1_ENV, writeV1Catalogue } from '../tests/support/v1-catalogue';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const at = process.argv.indexOf('--compose-timeout');
const composeTimeout = at > 0 ? Number(process.argv[at + 1]) : 90;

// A v1 home (docs/migration.md): compose.yml and .env at the root, the catalogue in services/, the per-service env
// files beside them (the compose files name them relative to the home). Every capability on, none detected.
const home = mkdtempSync(join(tmpdir(), 'harbor-bench-e2e-'));
writeV1Catalogue(home);
mkdirSync(join(home, 'services'));
for (const name of readdirSync(home)) if (/^compose\..+\.yml$/.test(name)) renameSync(join(home, name), join(home, 'services', name));
appendFileSync(join(home, '.env'), `HARBOR_CONTAINER_PREFIX=harbor\nHARBOR_SERVICES_DEFAULT=""\nHARBOR_CAPABILITIES_AUTODETECT=false\nHARBOR_CAPABILITIES_DEFAULT="${V1_CAPABILITIES.join(';')}"\n`);

/** The fewest handles (in name order, with every capability) whose selection holds at least `size` files. */
function handlesFor(size: number): { handles: string[]; files: string[] } {
  const handles: string[] = [];
  let files = selectV1Files(V1_CAPABILITIES);
  for (const handle of v1Handles()) {
    if (files.length >= size) break;
    handles.push(handle);
    files = selectV1Files([...V1_CAPABILITIES, ...handles]);
  }
  return { handles, files };
}

function harbor(args: readonly string[]): { ms: number; ok: boolean; detail: string } {
  const started = performance.now();
  const r = spawnSync('sh', [join(REPO, 'harbor.sh'), ...args], {
    cwd: home,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, HARBOR_HOME: home, NO_COLOR: '1', ...(process.env.DOCKER_HOST && { DOCKER_HOST: process.env.DOCKER_HOST }) },
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  return { ms, ok: r.status === 0, detail: r.status === 0 ? `${r.stdout.length} bytes out` : `exit ${r.status}: ${r.stderr.trim().split('\n').slice(-2).join(' / ')}` };
}

function compose(files: readonly string[]): string {
  const argv = ['compose', '-p', 'harbor-bench-e2e', '--project-directory', home, ...files.flatMap((f) => ['-f', f === 'compose.yml' ? join(home, f) : join(home, 'services', f)]), 'config', '--format', 'json'];
  const started = performance.now();
  const r = spawnSync('docker', argv, { cwd: home, env: { ...process.env, ...V1_ENV }, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: composeTimeout * 1000 });
  const s = (performance.now() - started) / 1000;
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return `> ${composeTimeout} s (stopped)`;
  return r.status === 0 ? `${s.toFixed(2)} s` : `failed (${r.stderr.trim().split('\n')[0]})`;
}

const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const rows: string[][] = [['files', 'model in-process', 'harbor config --format json', 'harbor config', 'harbor up --dry-run', 'harbor cmd (no model)', 'docker compose config']];
try {
  // The shim's first call may check the runner image: not charged to the first row.
  harbor(['--version']);
  for (const size of [50, 570]) {
    const { handles, files } = handlesFor(size);
    const sel = handles.length ? handles : ['*'];
    const started = performance.now();
    printComposeJson(loadComposeModel({ project: { name: 'harbor-bench-e2e', directory: home }, files: files.map((f) => (f === 'compose.yml' ? f : `services/${f}`)), env: { ...process.env, ...V1_ENV } as Record<string, string> }));
    const model = performance.now() - started;
    const cells = [['config', '--format', 'json', ...sel], ['config', ...sel], ['up', '--dry-run', ...sel], ['cmd', ...sel]].map((args) => {
      const r = harbor(args);
      return r.ok ? secs(r.ms) : `${secs(r.ms)} (${r.detail})`;
    });
    rows.push([String(files.length), `${model.toFixed(0)} ms`, ...cells, compose(files)]);
  }
} finally {
  rmSync(home, { recursive: true, force: true });
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log(`Harbor end to end through ./harbor.sh (runner container start included) vs docker compose config, v1-shaped home (node ${process.version})`);
for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
