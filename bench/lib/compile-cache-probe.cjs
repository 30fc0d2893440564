'use strict';
// Runs inside a container of a Node image (bench/compile-cache.mjs starts it): sets up the runner's start-up
// variants from the bundle in /bench (read-only), as an image build would, then times fresh `node` processes
// of each, interleaved, and prints the medians as JSON.
//   node /bench/compile-cache-probe.cjs RUNS
const { spawnSync } = require('node:child_process');
const { copyFileSync, mkdirSync, writeFileSync } = require('node:fs');
const Module = require('node:module');

const runs = Number(process.argv[2] ?? 20);
const work = '/tmp/compile-cache-bench';

/** Each variant: how the image would start Harbor, and what the image build would run once to prepare it. */
const variants = [
  { name: 'no cache', dir: `${work}/plain`, entry: 'harbor.cjs' },
  // What runner/boot.cjs does: vm.Script with a V8 code cache written after `--help` ran.
  { name: 'vm.Script code cache (boot.cjs)', dir: `${work}/vm`, entry: 'boot.cjs', prepare: ['--write-code-cache'] },
];
if (typeof Module.enableCompileCache === 'function') {
  // Node's own compile cache (22.1+): a tiny CommonJS entry turns it on, then requires the bundle. The
  // cache is written when the process exits (or flushed), filled by one `--help` run at image build.
  variants.push({
    name: 'module.enableCompileCache',
    dir: `${work}/node`,
    entry: 'boot-node.cjs',
    source: "require('node:module').enableCompileCache(require('node:path').join(__dirname, 'cache'));\nrequire('./harbor.cjs');\n",
    prepare: ['--help'],
  });
}

for (const v of variants) {
  mkdirSync(v.dir, { recursive: true });
  copyFileSync('/bench/harbor.cjs', `${v.dir}/harbor.cjs`);
  copyFileSync('/bench/boot.cjs', `${v.dir}/boot.cjs`);
  if (v.source) writeFileSync(`${v.dir}/${v.entry}`, v.source);
  if (v.prepare) node(v, v.prepare);
}

function node(v, args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [`${v.dir}/${v.entry}`, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${v.name} ${args.join(' ')} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const times = variants.map(() => ({ version: [], help: [] }));
for (const v of variants) node(v, ['--version']); // warm the page cache
for (let i = 0; i < runs; i++) {
  variants.forEach((v, j) => {
    times[j].version.push(node(v, ['--version']));
    times[j].help.push(node(v, ['--help']));
  });
}
process.stdout.write(
  JSON.stringify({
    node: process.version,
    runs,
    variants: variants.map((v, j) => ({ name: v.name, version: median(times[j].version), help: median(times[j].help) })),
  }),
);
