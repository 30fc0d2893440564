// Benchmark: 1,000 templates and 5,000 variables rendered and committed into var/run/ of a temp home, through
// runPrepareTemplates (lock, read, render, diff, stage, journal, move). Prints wall time and peak RSS per scenario.
// Run: node --import tsx bench/prepare.ts [--no-durable] [--in DIR]   (DIR: where the temp home goes, e.g. /dev/shm)
// Targets: < 1 s and < 200 MB for the first prepare.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConsola } from 'consola';
import { runPrepareTemplates } from '../runner/src/templates/run-prepare-templates';

const TEMPLATES = 1_000;
const VARIABLES = 5_000;
const SERVICES = 10;

/** Each scenario runs in a fresh process so that its peak RSS is its own. */
async function scenario(name: string, home: string, durable: boolean): Promise<void> {
  const env = new Map<string, string>();
  for (let i = 0; i < VARIABLES; i++) env.set(`VAR_${i}`, `value-${i}-${'v'.repeat(i % 40)}`);
  if (name === 'change 10%') for (let i = 0; i < VARIABLES; i += 50) env.set(`VAR_${i}`, `changed-${i}`);
  const services = Array.from({ length: SERVICES }, (_, i) => `svc${i}`);
  const log = createConsola({ level: 0 });
  const marks: string[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await runPrepareTemplates({ home, log }, {
    onPhase: (phase) => {
      if (phase !== 'moved-one') marks.push(`${phase} ${(performance.now() - t0).toFixed(0)}`);
    },
    templates: [{ from: 'stacks/${service}/templates/**', to: 'var/run/${service}/config/', secrets: false }],
    interpolation: { engine: 'envsubst', values: { fromEnv: true, extra: {} } },
    env: { values: env, secretNames: new Set() },
    services,
    durable,
  });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const d = result.diff;
  console.log(`${name.padEnd(14)} ${ms.toFixed(0).padStart(6)} ms  peak RSS ${rssMb.toFixed(0).padStart(4)} MB  (${d.added.length} added, ${d.changed.length} changed, ${d.unchanged.length} unchanged${durable ? '' : ', no fsync'}); cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms${marks.length ? `; at ms: ${marks.join(', ')}` : ''}`);
}

function makeHome(parent: string): string {
  const home = mkdtempSync(join(parent, 'harbor-bench-prepare-'));
  for (let t = 0; t < TEMPLATES; t++) {
    const service = `svc${t % SERVICES}`;
    // Each template reads 10 of the 5,000 variables; one in five is liquid.
    const vars = Array.from({ length: 10 }, (_, k) => `VAR_${(t * 7 + k * 491) % VARIABLES}`);
    const liquid = t % 5 === 0;
    const body = liquid
      ? `# file ${t}\n${vars.map((v) => `${v.toLowerCase()} = {{ ${v} | upper }}`).join('\n')}\n{% if VAR_1 %}on{% endif %}\n`
      : `# file ${t}\n${vars.map((v) => `${v.toLowerCase()} = \${${v}}`).join('\n')}\nport = \${PORT:-8080}\n`;
    const path = join(home, `stacks/${service}/templates/conf.d/t${t}.conf${liquid ? '.liquid' : '.tmpl'}`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${body}${'# padding\n'.repeat(20)}`);
  }
  return home;
}

const [, , mode, home, durableFlag] = process.argv;
if (mode === '--scenario') {
  await scenario(process.argv[5]!, home!, durableFlag === 'durable');
} else {
  const durable = !process.argv.includes('--no-durable');
  const at = process.argv.indexOf('--in');
  const benchHome = makeHome(at === -1 ? tmpdir() : process.argv[at + 1]!);
  try {
    console.log(`prepare: ${TEMPLATES} templates (${SERVICES} services, 1 in 5 liquid), ${VARIABLES} variables, ${durable ? 'fsync on' : 'fsync off'}, home in ${dirname(benchHome)}`);
    // What this disk charges for creating files, the floor of a first prepare (it creates 1,000 files).
    const floor = join(benchHome, 'floor');
    mkdirSync(floor);
    const f0 = performance.now();
    for (let i = 0; i < TEMPLATES; i++) closeSync(openSync(join(floor, String(i)), 'wx'));
    console.log(`baseline: creating ${TEMPLATES} empty files on this disk takes ${(performance.now() - f0).toFixed(0)} ms`);
    rmSync(floor, { recursive: true });
    for (const name of ['first prepare', 'no change', 'change 10%']) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--scenario', benchHome, durable ? 'durable' : 'fast', name], { stdio: 'inherit' });
      if (r.status !== 0) process.exit(r.status ?? 1);
    }
  } finally {
    rmSync(benchHome, { recursive: true, force: true });
  }
}
