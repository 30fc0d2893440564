// Bundles the runner into one ESM file (runner/dist/harbor.mjs) that needs no node_modules at run time.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

await build({
  entryPoints: [`${root}runner/src/main.ts`],
  outfile: `${root}runner/dist/harbor.mjs`,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  define: { __HARBOR_VERSION__: JSON.stringify(version) },
  // CommonJS dependencies call require() for node built-ins; ESM output has no require of its own.
  banner: { js: "import { createRequire as __harborRequire } from 'node:module'; const require = __harborRequire(import.meta.url);" },
  logLevel: 'warning',
});
