// Which code cache starts the runner faster: runner/boot.cjs's vm.Script cache, or Node's own compile cache
// (module.enableCompileCache, Node 22.1+)? Times fresh `node` processes of the bundle (runner/dist/harbor.cjs,
// from `npm run build`) inside one container per Node image, so Docker's own start-up is not in the figures.
//   node bench/compile-cache.mjs [runs=20] [image...]   (default images: harbor-ci/node:20 harbor-ci/node:24,
//                                                        or HARBOR_NODE_IMAGE)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Math.max(5, Number(process.argv[2] ?? 20));
const images = process.argv.length > 3 ? process.argv.slice(3) : process.env.HARBOR_NODE_IMAGE ? [process.env.HARBOR_NODE_IMAGE] : ['harbor-ci/node:20', 'harbor-ci/node:24'];

const bundle = join(root, 'runner/dist/harbor.cjs');
if (!existsSync(bundle)) {
  console.error('compile-cache: runner/dist/harbor.cjs is missing: run npm run build first');
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'harbor-compile-cache-'));
try {
  copyFileSync(bundle, join(dir, 'harbor.cjs'));
  copyFileSync(join(root, 'runner/boot.cjs'), join(dir, 'boot.cjs'));
  copyFileSync(join(root, 'bench/lib/compile-cache-probe.cjs'), join(dir, 'compile-cache-probe.cjs'));
  console.log(`fresh node processes inside one container, ${runs} runs each, interleaved; median ms`);
  console.log(`${'image / node'.padEnd(34)}${'start-up'.padEnd(34)}--version   --help`);
  for (const image of images) {
    const r = spawnSync(
      'docker',
      ['run', '--rm', '--network', 'none', '-v', `${dir}:/bench:ro`, '--entrypoint', 'node', image, '/bench/compile-cache-probe.cjs', String(runs)],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) {
      console.error(`compile-cache: ${image} failed: ${r.stderr.trim()}`);
      process.exitCode = 1;
      continue;
    }
    const result = JSON.parse(r.stdout);
    for (const v of result.variants) {
      const label = `${image} (${result.node})`;
      console.log(`${label.padEnd(34)}${v.name.padEnd(34)}${v.version.toFixed(1).padStart(9)}${v.help.toFixed(1).padStart(9)}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
