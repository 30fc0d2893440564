// The source stage seen from outside, on a home holding the 652-file v1 catalogue (each a tiny valid compose
// file): a whole `./harbor.sh run source --json '*'` call, and `docker compose config` on that selection.
//   node bench/source-cli.mjs [runs=5]
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Math.max(3, Number(process.argv[2] ?? 5));
const names = readFileSync(join(root, 'tests/fixtures/harbor-v1-compose-files.txt'), 'utf8').split('\n').filter(Boolean);

const home = mkdtempSync(join(tmpdir(), 'harbor-bench-source-'));
const dir = join(home, 'etc', 'stacks');
mkdirSync(dir, { recursive: true });
copyFileSync(join(root, 'harbor.sh'), join(home, 'harbor.sh'));
writeFileSync(join(dir, 'compose.yml'), 'services: {}\n');
names.forEach((name, i) => {
  // One service per file, so the merged model grows with the selection as a real catalogue's does.
  writeFileSync(join(dir, name), `services:\n  svc${i}:\n    image: harbor-ci/debian:bookworm\n    environment:\n      FROM_FILE: "${name}"\n`);
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(argv, env = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { cwd: home, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

try {
  const harbor = ['sh', join(home, 'harbor.sh'), 'run', 'source', '--json', '--no-defaults', '--capabilities', '', '*'];
  const first = JSON.parse(time(harbor).stdout);
  const files = first.files.map((f) => join(home, f));
  const compose = ['docker', 'compose', '-p', 'bench', '--project-directory', home, ...files.flatMap((f) => ['-f', f]), 'config', '--quiet'];
  time(compose);
  const h = [];
  const c = [];
  for (let i = 0; i < runs; i++) {
    h.push(time(harbor).ms);
    c.push(time(compose).ms);
  }
  console.log(`catalogue                          ${names.length} files, '*' selects ${first.files.length} (with compose.yml)`);
  console.log(`./harbor.sh run source --json '*'  median ${median(h).toFixed(0)} ms over ${runs} runs (shim + runner container + selection)`);
  console.log(`docker compose config ('*')        median ${median(c).toFixed(0)} ms over ${runs} runs (${files.length} -f files)`);
} finally {
  rmSync(home, { recursive: true, force: true });
}
