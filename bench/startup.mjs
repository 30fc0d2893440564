// Startup cost of the shim: median wall time of `./harbor.sh --version` against the floor
// `docker run --rm <runner image>` running nothing (`--entrypoint true`). Target ratio ≤ 1.3.
//   node bench/startup.mjs [runs=15]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Math.max(10, Number(process.argv[2] ?? 15));

function image() {
  const r = spawnSync('sh', [`${root}harbor.sh`, 'runner', 'image'], { encoding: 'utf8' });
  return r.stdout.trim();
}

function time(argv) {
  const start = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const img = image();
const harbor = ['sh', `${root}harbor.sh`, '--version'];
// --version answers before the command table loads; --help loads the whole CLI: both are shown.
const help = ['sh', `${root}harbor.sh`, '--help'];
const floor = ['docker', 'run', '--rm', '--entrypoint', 'true', img];
// Warm up both (the first call may build the image or fill caches), then interleave to share the noise.
time(harbor);
time(floor);
const h = [];
const f = [];
const hh = [];
for (let i = 0; i < runs; i++) {
  h.push(time(harbor));
  f.push(time(floor));
  hh.push(time(help));
}
const size = spawnSync('docker', ['image', 'inspect', '--format', '{{.Size}}', img], { encoding: 'utf8' }).stdout.trim();
const mh = median(h);
const mf = median(f);
console.log(`runner image            ${img} (${(Number(size) / 1e6).toFixed(1)} MB)`);
console.log(`runs                    ${runs} each, interleaved, after one warm-up`);
console.log(`./harbor.sh --version   median ${mh.toFixed(0)} ms (min ${Math.min(...h).toFixed(0)}, max ${Math.max(...h).toFixed(0)})`);
console.log(`docker run --rm (floor) median ${mf.toFixed(0)} ms (min ${Math.min(...f).toFixed(0)}, max ${Math.max(...f).toFixed(0)})`);
console.log(`ratio                   ${(mh / mf).toFixed(2)} (target ≤ 1.30)`);
console.log(`./harbor.sh --help     median ${median(hh).toFixed(0)} ms, ratio ${(median(hh) / mf).toFixed(2)} (loads every command)`);
