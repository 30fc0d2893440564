// Benchmark: the whole prepare stage (env layers, `docker compose config --services`, templates, overlay, state)
// and `harbor plan`'s computation, on a temp home of 20 services, with the real compose CLI (nothing is started).
// Run: node --import tsx bench/prepare-stage.ts [--runs N]   Prints the median and best of N runs per scenario.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createConsola } from 'consola';
import { createProcessRunner } from '../runner/src/shared/process-runner';
import { loadPreparePlan } from '../runner/src/stack/load-prepare-plan';
import { resolveSource } from '../runner/src/stack/resolve-source';
import { runPrepare } from '../runner/src/prepare/run-prepare';
import type { Deps } from '../runner/src/shared/deps';

const SERVICES = 20;
const KEYS = 25;
const TEMPLATES = 10;
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;

if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status !== 0) {
  console.log('prepare-stage: skipped (no docker compose CLI)');
  process.exit(0);
}

const home = mkdtempSync(join(tmpdir(), 'harbor-bench-stage-'));
const put = (path: string, text: string) => {
  mkdirSync(dirname(join(home, path)), { recursive: true });
  writeFileSync(join(home, path), text);
};
const names = Array.from({ length: SERVICES }, (_, i) => `svc${i}`);
put('etc/harbor.yaml', `version: 1\nproject: bench\nprofiles:\n  default: { services: [${names.join(', ')}] }\n`);
put('etc/stacks/compose.yml', 'networks: { net: {} }\n');
put('etc/sys.env', Array.from({ length: 200 }, (_, i) => `SYS_${i}=value-${i}`).join('\n'));
put('override.secrets.env', names.map((s) => `${s.toUpperCase()}_TOKEN=secret-${s}`).join('\n'));
for (const s of names) {
  put(`etc/stacks/compose.${s}.yml`, `services:\n  ${s}:\n    image: busybox\n    volumes: ["./var/run/${s}/config:/config:ro"]\n`);
  put(`stacks/${s}/service.env`, `${Array.from({ length: KEYS }, (_, k) => `${s.toUpperCase()}_K${k}=\${SYS_${k}}-${k}`).join('\n')}\n${s.toUpperCase()}_TOKEN\n`);
  for (let t = 0; t < TEMPLATES; t++) put(`stacks/${s}/templates/t${t}.conf.tmpl`, `name=${s}\n${Array.from({ length: 10 }, (_, k) => `k${k}=\${SYS_${(t * 10 + k) % 200}}`).join('\n')}\n`);
}

const log = createConsola({ level: 0 });
const deps: Deps = { log, out: () => undefined, env: { ...process.env }, home, cwd: home, run: createProcessRunner(log, process.env).run, debug: false };
const source = await resolveSource(deps, { capabilities: '' });

async function time(label: string, before: () => void, fn: () => Promise<unknown>): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    before();
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  console.log(`${label.padEnd(34)} median ${samples[Math.floor(samples.length / 2)]!.toFixed(0).padStart(5)} ms   best ${samples[0]!.toFixed(0).padStart(5)} ms`);
}

const compose = async () => deps.run(['docker', 'compose', '-p', 'bench', '--project-directory', home, ...source.selection.files.flatMap((f) => ['-f', join(home, f)]), 'config', '--services'], { stdio: 'capture' });
console.log(`${SERVICES} services, ${SERVICES * (KEYS + 1) + 200} env keys, ${SERVICES * TEMPLATES} templates; ${runs} runs each`);
await time('compose config --services alone', () => undefined, compose);
let first = true;
await time('prepare, first (all written)', () => {
  if (!first) rmSync(join(home, 'var'), { recursive: true, force: true });
  first = false;
}, () => runPrepare(deps, source));
await time('prepare, nothing changed', () => undefined, () => runPrepare(deps, source));
let n = 0;
await time('prepare, one service env changed', () => put('stacks/svc3/service.env', `SVC3_K0=changed-${n++}\nSVC3_TOKEN\n`), () => runPrepare(deps, source));
await time('plan (in memory, nothing written)', () => undefined, () => loadPreparePlan(deps, source));
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
rmSync(home, { recursive: true, force: true });
