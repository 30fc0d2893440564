// Times `harbor secrets decrypt` in the runner: the runner image's Node running Harbor's code, one fresh
// process per measurement (a deploy or a `secrets decrypt` opens a file once, before the JIT has warmed
// up). The time is the command's own run, from reading the file to printing the plaintext; starting the
// container and Node is bench/startup.mjs's business. Target: each file under 200 ms.
//   BENCH_RUNS=15 node --import tsx bench/secrets.ts
// Inputs, made with Harbor's own encrypt code: a 1,000-key dotenv file; a 1 MB sops YAML file (1 MB on
// disk, the file being decrypted); and, for scale, a YAML file holding 1 MB of plaintext (about 4.6 MB
// encrypted). Without a runner image or Docker, the host's Node runs the probe and says so.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { encryptBranches } from '../runner/src/secrets/sops-write';
import { parsePlainDocument } from '../runner/src/secrets/core/sops-document';

const root = fileURLToPath(new URL('..', import.meta.url));
const recipient = 'age15zxyegzysvxjatnh9ze03wsrfh6ypn0h87jgwu27m9f6u84eyguqga8xcp';
const plan = { groups: [[recipient]], threshold: 0, cryptRule: undefined, macOnlyEncrypted: false, source: 'bench' };
const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 11));

function dotenvText(): string {
  let s = '';
  for (let i = 0; i < 1000; i++) s += `KEY_${i}=value-${i}-${'x'.repeat(24)}\n`;
  return s;
}

/** YAML of `services` entries: six values each (strings, an int, a list), much like a stack's secrets. */
function yamlText(services: number): string {
  let s = '';
  for (let i = 0; i < services; i++) {
    s += `service_${i}:\n    user: user${i}\n    password: ${'p'.repeat(40)}${i}\n    port: ${1000 + i}\n    hosts:\n        - host-a-${i}.example.com\n        - host-b-${i}.example.com\n`;
  }
  return s;
}

interface Input {
  label: string;
  file: string;
  plainFile: string;
  note: string;
}

async function writeInput(dir: string, name: string, label: string, plain: string, format: 'dotenv' | 'yaml'): Promise<Input> {
  const file = join(dir, name);
  const plainFile = `${file}.plain`;
  writeFileSync(file, await encryptBranches(parsePlainDocument(plain, format, name), format, plan));
  writeFileSync(plainFile, plain);
  const size = statSync(file).size;
  const values = format === 'dotenv' ? plain.split('\n').length - 1 : (plain.match(/^ {4}(user|password|port):|^ {8}- /gm) ?? []).length;
  return { label, file, plainFile, note: `${(size / 1e6).toFixed(2)} MB on disk, ${(plain.length / 1e6).toFixed(2)} MB plaintext, ${values.toLocaleString('en')} values` };
}

/** The smallest YAML input whose encrypted file is at least `bytes` long. */
async function yamlOfEncryptedSize(dir: string, bytes: number): Promise<Input> {
  let services = 1000;
  for (;;) {
    const input = await writeInput(dir, 'disk-1mb.sops.yaml', 'secrets decrypt, 1 MB YAML file', yamlText(services), 'yaml');
    const size = statSync(input.file).size;
    if (size >= bytes) return input;
    services = Math.ceil((services * bytes) / size) + 10;
  }
}

function runnerImage(): string | undefined {
  const image = spawnSync('sh', [join(root, 'harbor.sh'), 'runner', 'image'], { encoding: 'utf8' }).stdout.trim();
  return image && spawnSync('docker', ['image', 'inspect', image], { stdio: 'ignore' }).status === 0 ? image : undefined;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

const dir = mkdtempSync(join(tmpdir(), 'harbor-bench-secrets-'));
try {
  const key = join(dir, 'keys.txt');
  copyFileSync(join(root, 'runner/test/fixtures/sops/keys.txt'), key);
  const inputs = [
    await writeInput(dir, 'big.sops.env', 'secrets decrypt, 1,000-key dotenv', dotenvText(), 'dotenv'),
    await yamlOfEncryptedSize(dir, 1_000_000),
    await writeInput(dir, 'plain-1mb.sops.yaml', 'for scale: 1 MB of plaintext YAML', yamlText(6200), 'yaml'),
  ];
  const probe = join(dir, 'secrets-probe.mjs');
  await build({
    entryPoints: [join(root, 'bench/lib/secrets-probe.ts')],
    outfile: probe,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
    define: { __HARBOR_VERSION__: '"bench"' },
    logLevel: 'warning',
  });

  const image = runnerImage();
  /** Runs `node probe ARGS` in the runner image (the same paths, mounted), else on the host. */
  const node = (shellLoop: string): string => {
    const argv = image
      ? ['docker', 'run', '--rm', '-v', `${dir}:${dir}`, '-e', `SOPS_AGE_KEY_FILE=${key}`, '--entrypoint', 'sh', image, '-c', shellLoop]
      : ['sh', '-c', shellLoop];
    const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', env: { ...process.env, SOPS_AGE_KEY_FILE: key }, maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`the probe failed: ${r.stderr}`);
    return r.stdout;
  };
  const nodeVersion = node('node --version').trim();
  console.log(`runs in: ${image ? `the runner image ${image}` : 'the host (no runner image: build it with ./harbor.sh runner build)'}, Node ${nodeVersion}; load average ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} CPUs`);

  for (const input of inputs) {
    // Each cold run is its own node process; all of them share one container.
    const loop = `i=0; while [ $i -lt ${RUNS} ]; do node ${probe} once ${input.file} ${input.plainFile} || exit 1; i=$((i+1)); done`;
    const cold = node(loop).trim().split('\n').map((line) => (JSON.parse(line) as { ms: number }).ms);
    const warm = (JSON.parse(node(`node ${probe} warm ${input.file} ${input.plainFile} ${RUNS}`)) as { ms: number[] }).ms.slice(1);
    const target = input.label.startsWith('for scale') ? '' : ', target < 200 ms';
    console.log(`${input.label} (${input.note}):`);
    console.log(`  fresh process: median ${median(cold).toFixed(1)} ms, best ${Math.min(...cold).toFixed(1)} ms (${RUNS} processes${target}); warmed up: median ${median(warm).toFixed(1)} ms`);
  }
  const phases = JSON.parse(node(`node ${probe} phases ${inputs[2]!.file} ${RUNS}`)) as Record<string, number[]>;
  console.log(`  where the time goes, warmed up (medians): ${Object.entries(phases).map(([k, v]) => `${k} ${median(v).toFixed(1)} ms`).join(', ')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
