// Benchmark: parse and merge env layers as prepare does (Compose-exact parsing, expansion, provenance, cycle check).
import { performance } from 'node:perf_hooks';
import { buildComposeEnv } from '../runner/src/env/core/build-compose-env';
import { buildEnvOverlay } from '../runner/src/env/core/build-env-overlay';
import type { EnvLayer } from '../runner/src/env/core/merge-env-layers';
import { mergeStackEnv } from '../runner/src/env/core/merge-stack-env';
import { parseDotenv } from '../runner/src/env/core/parse-dotenv';

/** A dotenv file of `keys` lines mixing the forms real files use. */
function makeFile(prefix: string, keys: number): string {
  const lines: string[] = [];
  for (let i = 0; i < keys; i++) {
    const k = `${prefix}_${i}`;
    switch (i % 5) {
      case 0: lines.push(`${k}=plain-value-${i} # comment`); break;
      case 1: lines.push(`export ${k}="quoted \\n value \${${prefix}_${i - 1}}"`); break;
      case 2: lines.push(`${k}='single ${i}'`); break;
      case 3: lines.push(`${k}=\${UNSET_${i}:-default-${i}}/\${${prefix}_${i - 3}}`); break;
      default: lines.push(`${k}="multi\nline ${i}"`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function time(label: string, runs: number, fn: () => void): void {
  fn(); // warm-up
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn();
  console.log(`${label}: ${((performance.now() - start) / runs).toFixed(2)} ms`);
}

const big = makeFile('K', 10_000);
time(`parseDotenv, 10,000 keys (${(big.length / 1024).toFixed(0)} KiB)`, 10, () => parseDotenv(big, { file: 'big.env' }));

const services = Array.from({ length: 20 }, (_, i) => `svc${i}`);
const layers: EnvLayer[] = [
  { type: 'sys', name: 'sys', file: 'etc/sys.env', secret: false, content: { kind: 'dotenv', text: makeFile('SYS', 500) } },
  { type: 'site', name: 'site', file: 'etc/site.env', secret: false, content: { kind: 'dotenv', text: makeFile('SYS', 200) } },
  ...services.map((s): EnvLayer => ({ type: 'service', name: `service ${s}`, file: `stacks/${s}/service.env`, secret: false, service: s, content: { kind: 'dotenv', text: makeFile('SVC', 50) } })),
  { type: 'secrets', name: 'secrets', file: 'override.secrets.env', secret: true, content: { kind: 'dotenv', text: makeFile('SECRET', 100) } },
];
time('mergeStackEnv + buildComposeEnv + buildEnvOverlay, 20 services, 1,800 definitions', 10, () => {
  const stack = mergeStackEnv(layers, services, { PATH: '/usr/bin' });
  buildEnvOverlay(stack, services, buildComposeEnv(stack.merged, stack.services));
});
