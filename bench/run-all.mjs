// Runs every benchmark under bench/ in turn (`npm run bench`); each prints its own figures.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const benches = readdirSync(dir).filter((f) => /\.(mjs|ts)$/.test(f) && f !== 'run-all.mjs').sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n== bench/${file}`);
  const argv = file.endsWith('.ts') ? ['--import', 'tsx', `${dir}${file}`] : [`${dir}${file}`];
  const r = spawnSync(process.execPath, argv, { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
