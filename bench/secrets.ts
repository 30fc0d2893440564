// Times decryption of a 1,000-key sops dotenv file and a ~1 MB sops YAML file, both made with Harbor's own encrypt code.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { decryptSopsFile } from '../runner/src/adapters/sops-file';
import { encryptBranches } from '../runner/src/adapters/sops-write';
import { parsePlainDocument, renderPlainDocument } from '../runner/src/core/sops/sops-document';

const fixtures = join(import.meta.dirname, '..', 'runner', 'test', 'fixtures', 'sops');
const recipient = 'age15zxyegzysvxjatnh9ze03wsrfh6ypn0h87jgwu27m9f6u84eyguqga8xcp';
const env = { SOPS_AGE_KEY_FILE: join(fixtures, 'keys.txt'), HOME: '/nonexistent' };
const plan = { groups: [[recipient]], threshold: 0, cryptRule: undefined, macOnlyEncrypted: false, source: 'bench' };
const RUNS = 5;

function dotenvText(): string {
  let s = '';
  for (let i = 0; i < 1000; i++) s += `KEY_${i}=value-${i}-${'x'.repeat(24)}\n`;
  return s;
}

function yamlText(): string {
  let s = '';
  for (let i = 0; s.length < 1_000_000; i++) {
    s += `service_${i}:\n    user: user${i}\n    password: ${'p'.repeat(40)}${i}\n    port: ${1000 + i}\n    hosts:\n        - host-a-${i}.example.com\n        - host-b-${i}.example.com\n`;
  }
  return s;
}

async function time(label: string, file: string, expected: string): Promise<void> {
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const d = await decryptSopsFile(file, env);
    const out = renderPlainDocument(d.document.branches, d.format);
    times.push(performance.now() - t0);
    if (out !== expected) throw new Error(`${label}: round trip differs`);
  }
  times.sort((a, b) => a - b);
  console.log(`${label}: median ${times[RUNS >> 1]!.toFixed(1)} ms, best ${times[0]!.toFixed(1)} ms (${RUNS} runs, target < 200 ms)`);
}

const tmp = await mkdtemp(join(tmpdir(), 'harbor-bench-'));
try {
  const env1 = dotenvText();
  const yaml = yamlText();
  const envFile = join(tmp, 'big.sops.env');
  const yamlFile = join(tmp, 'big.sops.yaml');
  await writeFile(envFile, await encryptBranches(parsePlainDocument(env1, 'dotenv', 'big'), 'dotenv', plan));
  await writeFile(yamlFile, await encryptBranches(parsePlainDocument(yaml, 'yaml', 'big'), 'yaml', plan));
  console.log(`inputs: dotenv 1000 keys (${env1.length} bytes plain), YAML ${yaml.length} bytes plain`);
  await time('decrypt 1,000-key dotenv', envFile, env1);
  await time('decrypt 1 MB YAML', yamlFile, yaml);
} finally {
  await rm(tmp, { recursive: true });
}
