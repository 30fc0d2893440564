// Measures what every command pays for the descriptor: parse + merge + validate (schema and every step's action),
// and the engine's own overhead per step. Run: node --import tsx bench/descriptor-load.ts [iterations]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createConsola } from 'consola';
import * as v from 'valibot';
import { validateDescriptor } from '../runner/src/descriptor/core/validate-descriptor';
import { parseYamlSource } from '../runner/src/descriptor/core/yaml-source';
import type { Deps } from '../runner/src/shared/deps';
import { defineAction } from '../runner/src/workflow/action';
import { ACTIONS } from '../runner/src/workflow/action-registry';
import { planStage } from '../runner/src/workflow/plan-stage';
import { runStage } from '../runner/src/workflow/run-stage';

const iterations = Math.max(200, Number(process.argv[2] ?? 1000));
const warmup = 100;
const example = readFileSync(fileURLToPath(new URL('../etc/harbor.yaml', import.meta.url)), 'utf8');
// A large descriptor: 20 custom stages of 25 steps each (500 steps), as a stress case.
const large = `version: 1\nstages:\n${Array.from({ length: 20 }, (_, s) => `  s${s}:\n    steps:\n${Array.from({ length: 25 }, (_, i) => `      - { action: compose.up, services: [svc${i}], when: "\${FLAG_${i}:-on}" }\n`).join('')}`).join('')}`;
const override = 'project: other\ndeploy: { steps: [{ action: compose.up }, { action: open, target: [hello] }] }\n';

function measure(fn: () => unknown): { median: number; p95: number } {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.floor(times.length * 0.95)]! };
}

async function measureAsync(fn: () => Promise<unknown>, count: number): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < 20; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.floor(times.length * 0.95)]! };
}

const rows: string[][] = [['case', 'median ms', 'p95 ms', 'runs']];
const add = (label: string, r: { median: number; p95: number }, runs = iterations) => rows.push([label, r.median.toFixed(3), r.p95.toFixed(3), String(runs)]);

add('etc/harbor.yaml: parse + validate', measure(() => validateDescriptor({ system: parseYamlSource(example, 'etc/harbor.yaml') }, ACTIONS)));
add('etc/harbor.yaml + stack override', measure(() => validateDescriptor({ system: parseYamlSource(example, 'etc/harbor.yaml'), override: parseYamlSource(override, 'stacks/x/harbor.yaml') }, ACTIONS)));
add('500-step descriptor: parse + validate', measure(() => validateDescriptor({ system: parseYamlSource(large, 'etc/harbor.yaml') }, ACTIONS)), iterations);

const selection = { files: ['etc/stacks/compose.yml', 'etc/stacks/compose.hello.yml'], services: ['hello'], options: ['hello'], capabilities: [] };
const ctxPlan = { home: '/srv/harbor', projectName: 'demo', selection, composeEnv: {}, dryRun: true };
const steps100 = Array.from({ length: 100 }, (_, i) => ({ action: 'compose.up', services: [`svc${i}`], when: '${FLAG:-on}' }));
add('planStage, 100 compose.up steps', measure(() => planStage('deploy', steps100, ctxPlan)));

// Engine overhead alone: a no-op action, a logger that discards everything.
const noop = defineAction({ name: 'noop', summary: 'nothing', params: v.strictObject({}), plan: () => ({ description: '' }), run: async () => ({}) });
const log = createConsola({ level: 4, reporters: [{ log: () => {} }] });
const deps = { log, out: () => {}, env: {}, home: '/srv/harbor', cwd: '/srv/harbor', debug: false, run: async () => ({ code: 0, stdout: '', stderr: '' }) } as Deps;
const noopSteps = Array.from({ length: 100 }, () => ({ action: 'noop' }));
add('runStage, 100 no-op steps (engine overhead)', await measureAsync(() => runStage('deploy', noopSteps, { ...ctxPlan, deps, dryRun: false }, { actions: [noop] }), 200), 200);

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
