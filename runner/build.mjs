// Bundles the runner into one CommonJS file (runner/dist/harbor.cjs) that needs no node_modules at run time.
// CommonJS, not ESM, so that runner/boot.cjs can compile it through vm.Script with a V8 code cache
// (Node 20 has no code cache for ES modules); that halves the runner's start-up (docs/runner.md).
// The output is reproducible: it depends only on the sources and the esbuild the lockfile pins, never on the
// time, the checkout's path, the working directory or the environment (tests/e2e/runner-build-context.test.ts
// checks that the image's source build gives the same bytes), so its sha256 identifies a build.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

await build({
  absWorkingDir: root,
  entryPoints: [`${root}runner/src/cli/main.ts`],
  outfile: `${root}runner/dist/harbor.cjs`,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  define: { __HARBOR_VERSION__: JSON.stringify(version), 'import.meta.url': '__harborImportMetaUrl' },
  // ESM code (ours from source, and dependencies such as fdir that call createRequire(import.meta.url))
  // gets the bundle's own file URL, as it would as an ES module.
  banner: { js: 'var __harborImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: 'warning',
});
