// Measures selectComposeFiles over the 652-name v1 catalogue: median and p95 time per call, in process.
// Run: node --import tsx bench/source-select.ts [iterations]   (target: under 5 ms per call for `*`, include patterns too)
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { selectComposeFiles } from '../runner/src/source/core/compose-files';
import { buildComposeOptions } from '../runner/src/source/core/compose-options';
import { parseIncludePattern, V1_INCLUDE, type IncludePattern } from '../runner/src/descriptor/core/include-pattern';

// v1's rules written as include patterns (docs/compose-rules.md), matched by the generic pattern engine.
const V1_PATTERNS = V1_INCLUDE.map((p) => parseIncludePattern(p) as IncludePattern);

const FIXTURE = fileURLToPath(new URL('../tests/fixtures/harbor-v1-compose-files.txt', import.meta.url));
const names = readFileSync(FIXTURE, 'utf8').split('\n').filter((line) => line !== '');
const capabilities = ['nvidia', 'cdi', 'rocm', 'mdc', 'build'];
const iterations = Math.max(200, Number(process.argv[2] ?? 1000));
const warmup = 200;

const cases = [
  { label: '1 handle', given: ['ollama'], noDefaults: true },
  { label: '5 handles + defaults', given: ['webui', 'ollama', 'searxng', 'litellm', 'comfyui'], noDefaults: false },
  { label: '*', given: ['*'], noDefaults: true },
  { label: '* + all capabilities', given: ['*', ...capabilities], noDefaults: true },
  { label: '5 handles + defaults, as include patterns', given: ['webui', 'ollama', 'searxng', 'litellm', 'comfyui'], noDefaults: false, include: V1_PATTERNS },
  { label: '*, as include patterns', given: ['*'], noDefaults: true, include: V1_PATTERNS },
];

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const rows: string[][] = [['case', 'options', 'files', 'median µs', 'p95 µs', 'calls']];
for (const c of cases) {
  const options = buildComposeOptions({ defaultCapabilities: [], defaultServices: ['webui', 'llamacpp'], noDefaults: c.noDefaults, given: c.given, detectedCapabilities: [] });
  const input = { names, options, capabilities, include: 'include' in c ? c.include : undefined };
  let files = 0;
  for (let i = 0; i < warmup; i++) files = selectComposeFiles(input).length;
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    files = selectComposeFiles(input).length;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  rows.push([c.label, options.join(' '), String(files), (quantile(times, 0.5) * 1000).toFixed(1), (quantile(times, 0.95) * 1000).toFixed(1), String(iterations)]);
}

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log(`selectComposeFiles over ${names.length} names (node ${process.version}, ${warmup} warm-up calls)`);
for (const row of rows) console.log(row.map((cell, i) => (i >= 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  '));
