// Benchmark: Harbor's own overhead per oracle trial (wall time minus the time the task's scripts take) for 1 and
// for 10 concurrent trials, next to the bare `docker compose` calls the lifecycle needs (up, cp, exec, cp, exec, down).
// Run: node --import tsx bench/tasks.ts [--runs N]   Needs the engine and harbor-ci/debian:bookworm (or BENCH_BASE_IMAGE).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createConsola } from 'consola';
import { createProcessRunner } from '../runner/src/shared/process-runner';
import { checkTaskDir } from '../runner/src/tasks/load-task';
import { DEFAULT_RETRY } from '../runner/src/tasks/core/retry-policy';
import { runJob } from '../runner/src/tasks/run-job';

const BASE = process.env.BENCH_BASE_IMAGE ?? 'harbor-ci/debian:bookworm';
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
// What the scripts themselves take: solve.sh sleeps 1 s, test.sh 0.5 s.
const SCRIPT_SECONDS = 1.5;

if (spawnSync('docker', ['image', 'inspect', BASE], { stdio: 'ignore' }).status !== 0) {
  console.log(`tasks: skipped (no engine, or no ${BASE} image)`);
  process.exit(0);
}

const root = mkdtempSync(join(tmpdir(), 'harbor-bench-tasks-'));
const task = join(root, 'bench-task');
const put = (path: string, text: string, mode = 0o644) => {
  mkdirSync(join(task, path, '..'), { recursive: true });
  writeFileSync(join(task, path), text);
  chmodSync(join(task, path), mode);
};
put('task.toml', 'version = "1.0"\n');
put('instruction.md', 'Bench.\n');
put('environment/Dockerfile', `FROM ${BASE}\nWORKDIR /app\n`);
put('solution/solve.sh', '#!/bin/bash\nsleep 1\necho ok > /app/x\n');
put('tests/test.sh', '#!/bin/bash\nsleep 0.5\n[ -f /app/x ] && echo 1 > /logs/verifier/reward.txt\n');

const log = createConsola({ level: 0 });
const runner = createProcessRunner(log, process.env);
const loaded = (await checkTaskDir(task, { cwd: root, home: root, inRunner: false })).task!;

async function harborJob(n: number, name: string): Promise<number> {
  const t0 = performance.now();
  await runJob([loaded], { jobName: name, jobsDir: join(root, 'jobs'), nAttempts: n, nConcurrent: n, timeoutMultiplier: 1, agent: 'oracle', disableVerification: false, include: [], exclude: [], taskDirs: [task], retry: DEFAULT_RETRY }, {
    run: runner.run, log, hostEnv: {}, now: () => new Date(), uuid: randomUUID, sleep: (ms) => sleep(ms), owner: undefined, randomBytes: (k) => randomBytes(k), progress: () => undefined,
  });
  return (performance.now() - t0) / 1000;
}

/** The same lifecycle by hand: the fewest compose calls that build nothing, run both scripts and clean up. */
async function rawTrial(i: number): Promise<void> {
  const dir = join(root, 'raw', String(i));
  mkdirSync(join(dir, 'verifier'), { recursive: true });
  chmodSync(join(dir, 'verifier'), 0o777);
  const file = join(dir, 'compose.json');
  writeFileSync(file, JSON.stringify({ services: { main: { image: IMAGE, command: ['sh', '-c', 'sleep infinity'], init: true, volumes: [`${dir}/verifier:/logs/verifier`] } } }));
  const compose = ['compose', '-p', `hb-bench-raw-${i}`, '-f', file];
  const steps = [
    ['up', '-d'],
    ['cp', `${task}/solution/.`, 'main:/solution'],
    ['exec', '-T', 'main', 'bash', '-c', 'chmod +x /solution/solve.sh && /solution/solve.sh'],
    ['cp', `${task}/tests/.`, 'main:/tests'],
    ['exec', '-T', 'main', 'bash', '-c', 'chmod +x /tests/test.sh && /tests/test.sh'],
    ['down', '--timeout', '1'],
  ];
  for (const step of steps) await run(['docker', ...compose, ...step]);
}

function run(argv: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: 'ignore' });
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${argv.join(' ')}: exit ${code}`))));
  });
}

async function rawJob(n: number): Promise<number> {
  const t0 = performance.now();
  await Promise.all(Array.from({ length: n }, (_, i) => rawTrial(i)));
  return (performance.now() - t0) / 1000;
}

// Warm up: builds the task image once (Harbor tags it by content), so no run below builds.
await harborJob(1, 'warm');
const IMAGE = spawnSync('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}', 'hb__bench-task'], { encoding: 'utf8' }).stdout.split('\n')[0]!;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`tasks: ${runs} runs each, median wall time; the scripts take ${SCRIPT_SECONDS} s per trial`);
// Overhead per trial: (wall time - the scripts' 1.5 s) / trials, since concurrent trials run their scripts at once.
console.log('trials | harbor wall | raw compose wall | overhead/trial: harbor | raw compose | harbor beyond raw');
let job = 0;
for (const n of [1, 10]) {
  const harbor: number[] = [];
  const raw: number[] = [];
  for (let r = 0; r < runs; r++) {
    harbor.push(await harborJob(n, `j${job++}`));
    raw.push(await rawJob(n));
  }
  const h = median(harbor);
  const w = median(raw);
  const per = (x: number) => `${((x - SCRIPT_SECONDS) / n).toFixed(2)} s`;
  console.log(`${String(n).padStart(6)} | ${`${h.toFixed(2)} s`.padStart(11)} | ${`${w.toFixed(2)} s`.padStart(16)} | ${per(h).padStart(22)} | ${per(w).padStart(11)} | ${`${((h - w) / n).toFixed(2)} s`.padStart(17)}`);
}
spawnSync('docker', ['image', 'rm', IMAGE], { stdio: 'ignore' });
rmSync(root, { recursive: true, force: true });
