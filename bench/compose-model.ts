// Harbor's compose model vs `docker compose config --format json` on a v1-shaped catalogue: 10, 50, 200 and 570 files, side by side.
// Run: node --import tsx bench/compose-model.ts [sizes...]   (targets: 570 files under 1 s in process, 50 under 0.1 s)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadComposeModel } from '../runner/src/compose/model/load-compose-model';
import { printComposeJson } from '../runner/src/compose/model/core/print-compose-json';
import { firstModelDifference } from '../runner/src/compose/model/core/first-difference';
import { probeEnv, PROBE_PROJECT, runComposeConfig } from '../tests/support/compose-differential';
import { selectV1Files, v1Handles, V1_CAPABILITIES, V1_ENV, writeV1Catalogue } from '../tests/support/v1-catalogue';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const targets = sizes.length > 0 ? sizes : [10, 50, 200, 570];
const dir = mkdtempSync(join(tmpdir(), 'harbor-bench-model-'));
writeV1Catalogue(dir);
const env = probeEnv(V1_ENV);

/** Handles in name order, with every capability, until the selection holds at least `size` files. */
function selectionOf(size: number): string[] {
  const options = [...V1_CAPABILITIES];
  let files = selectV1Files(options);
  for (const handle of v1Handles()) {
    if (files.length >= size) break;
    options.push(handle);
    files = selectV1Files(options);
  }
  return files;
}

function model(files: readonly string[]): string {
  return printComposeJson(loadComposeModel({ project: { name: PROBE_PROJECT, directory: dir }, files, env }));
}

const rows: string[][] = [['files', 'model 1st run (cpu)', 'model median of 5 (cpu)', 'docker compose config', 'same model']];

/** Wall time and this process's CPU time (the host is shared: CPU time is the steadier figure). */
function timed(run: () => void): { wall: number; cpu: number } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  run();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - wall, cpu: (used.user + used.system) / 1000 };
}
const ms = (t: { wall: number; cpu: number }): string => `${t.wall.toFixed(0)} ms (${t.cpu.toFixed(0)})`;
try {
  model(selectionOf(10)); // the module's first load (yaml, JIT) is not charged to the first size
  for (const size of targets) {
    const files = selectionOf(size);
    let ours = '';
    const first = timed(() => {
      ours = model(files);
    });
    const runs = Array.from({ length: 5 }, () => timed(() => model(files))).sort((a, b) => a.wall - b.wall);
    const started = performance.now();
    const compose = runComposeConfig(dir, files, env);
    const composeMs = performance.now() - started;
    const same = compose.status !== 0 ? `compose failed: ${compose.stderr.trim().split('\n')[0]}` : (firstModelDifference(JSON.parse(compose.stdout), JSON.parse(ours)) ?? 'yes');
    rows.push([String(files.length), ms(first), ms(runs[2]!), `${(composeMs / 1000).toFixed(2)} s`, same]);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log(`compose model vs docker compose config on the v1-shaped catalogue (node ${process.version}, in process; wall ms, CPU ms in brackets)`);
for (const row of rows) console.log(row.map((cell, i) => (i < 4 ? cell.padStart(widths[i]!) : cell)).join('  '));
